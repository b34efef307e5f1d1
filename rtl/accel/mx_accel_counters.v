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

  integer f;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cnt_q    <= {N*64{1'b0}};
      cycles_q <= 64'd0;
    end else if (clear_i) begin
      cnt_q    <= {N*64{1'b0}};
      cycles_q <= 64'd0;
    end else if (count_i) begin
      for (f = 0; f < FIELDS; f = f + 1) begin
        cnt_q[({29'd0, layer_i} * FIELDS + f) * 64 +: 64] <=
          cnt_q[({29'd0, layer_i} * FIELDS + f) * 64 +: 64] + {32'd0, inc_i[f*32 +: 32]};
      end
      cycles_q <= cycles_q + 64'd1;
    end
  end

  always @* begin
    csr_data_o = 64'd0;
    if (csr_addr_i == CYCLES_ADDR) begin
      csr_data_o = cycles_q;
    end else if ({4'd0, csr_addr_i[3:0]} < FIELDS[7:0] && {4'd0, csr_addr_i[7:4]} < LAYERS[7:0]) begin
      csr_data_o = cnt_q[({28'd0, csr_addr_i[7:4]} * FIELDS + {28'd0, csr_addr_i[3:0]}) * 64 +: 64];
    end
  end

endmodule
