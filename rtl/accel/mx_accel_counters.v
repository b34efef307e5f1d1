// Performance counters: per layer, the counters of model/accel/counters.def
// (MX_ACCEL_CNT_*, the order of accel_layer_counters), 64 bits each, and
// the run's cycles; cleared when a run starts (docs/accelerator.md, "Counters").
// Every cycle of a run adds the engines' increments to the current
// descriptor's layer. Readable as registers: csr_addr_i = 16 * layer +
// field, and 16 * LAYERS for the run's cycles.
module mx_accel_counters #(
  parameter integer LAYERS = 5,
  parameter integer FIELDS = 15
) (
  input  wire                 clk_i,
  input  wire                 rst_ni,
  input  wire                 clear_i,    // a run starts (before its cycle 0)
  input  wire                 count_i,    // a cycle of the run
  input  wire [2:0]           layer_i,
  input  wire [FIELDS*32-1:0] inc_i,      // field f's increment at [f*32 +: 32]
  input  wire [7:0]           csr_addr_i,
  output reg  [63:0]          csr_data_o
);

  localparam integer N = LAYERS * FIELDS;
  localparam integer CYCLES_I = 16 * LAYERS;
  localparam [7:0] CYCLES_ADDR = CYCLES_I[7:0];

  // Flat: counter 16 * layer + field at [64 * (layer * FIELDS + field) +: 64].
  reg [N*64-1:0] cnt_q    /*verilator public_flat_rd*/;
  reg [63:0]     cycles_q /*verilator public_flat_rd*/;

  // One register block per counter, each with a constant slice: the
  // layer-indexed write of a single block would put a demultiplexer of all
  // N*64 bits behind every field (synthesis of that does not finish).
  wire [N-1:0] hit;  // csr_addr_i reads counter g
  genvar g;
  generate
    for (g = 0; g < N; g = g + 1) begin : g_cnt
      localparam integer F    = g % FIELDS;
      localparam integer L    = g / FIELDS;
      localparam integer A    = 16 * L + F;
      localparam [7:0]   ADDR = A[7:0];
      assign hit[g] = csr_addr_i == ADDR;
      always @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          cnt_q[g*64 +: 64] <= 64'd0;
        end else if (clear_i) begin
          cnt_q[g*64 +: 64] <= 64'd0;
        end else if (count_i && layer_i == L[2:0]) begin
          cnt_q[g*64 +: 64] <= cnt_q[g*64 +: 64] + {32'd0, inc_i[F*32 +: 32]};
        end
      end
    end
  endgenerate

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cycles_q <= 64'd0;
    end else if (clear_i) begin
      cycles_q <= 64'd0;
    end else if (count_i) begin
      cycles_q <= cycles_q + 64'd1;
    end
  end

  // The read: one address compare per counter.
  integer k;
  always @* begin
    csr_data_o = csr_addr_i == CYCLES_ADDR ? cycles_q : 64'd0;
    for (k = 0; k < N; k = k + 1) begin
      if (hit[k]) begin
        csr_data_o = cnt_q[k*64 +: 64];
      end
    end
  end

endmodule
