	// verilator_coverage annotation
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
 1360022	  input  wire                 clk_i,
 000006	  input  wire                 rst_ni,
 000006	  input  wire                 clear_i,    // a run starts (before its cycle 0)
 000006	  input  wire                 count_i,    // a cycle of the run
 000026	  input  wire [2:0]           layer_i,
 2542220	  input  wire [FIELDS*32-1:0] inc_i,      // field f's increment at [f*32 +: 32]
 000446	  input  wire [7:0]           csr_addr_i,
 569433	  output reg  [63:0]          csr_data_o
	);
	
	  localparam integer N = LAYERS * FIELDS;
	  localparam integer CYCLES_I = 16 * LAYERS;
	  localparam [7:0] CYCLES_ADDR = CYCLES_I[7:0];
	
	  // Flat: counter 16 * layer + field at [64 * (layer * FIELDS + field) +: 64].
	  reg [N*64-1:0] cnt_q    /*verilator public_flat_rd*/;
 1359601	  reg [63:0]     cycles_q /*verilator public_flat_rd*/;
	
	  // One register block per counter, each with a constant slice: the
	  // layer-indexed write of a single block would put a demultiplexer of all
	  // N*64 bits behind every field (synthesis of that does not finish).
 000450	  wire [N-1:0] hit;  // csr_addr_i reads counter g
	  genvar g;
	  generate
	    for (g = 0; g < N; g = g + 1) begin : g_cnt
	      localparam integer F    = g % FIELDS;
	      localparam integer L    = g / FIELDS;
	      localparam integer A    = 16 * L + F;
	      localparam [7:0]   ADDR = A[7:0];
	      assign hit[g] = csr_addr_i == ADDR;
 102002100	      always @(posedge clk_i or negedge rst_ni) begin
 000300	        if (!rst_ni) begin
 000150	          cnt_q[g*64 +: 64] <= 64'd0;
 000450	        end else if (clear_i) begin
 000225	          cnt_q[g*64 +: 64] <= 64'd0;
 20394390	        end else if (count_i && layer_i == L[2:0]) begin
 40803480	        verilator_coverage: (next point on previous line)

 10197195	          cnt_q[g*64 +: 64] <= cnt_q[g*64 +: 64] + {32'd0, inc_i[F*32 +: 32]};
	        end
	      end
	    end
	  endgenerate
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      cycles_q <= 64'd0;
 000006	    end else if (clear_i) begin
 000003	      cycles_q <= 64'd0;
 1359626	    end else if (count_i) begin
 000196	    verilator_coverage: (next point on previous line)

 679813	      cycles_q <= cycles_q + 64'd1;
	    end
	  end
	
	  // The read: one address compare per counter.
	  integer k;
 000004	  always @* begin
 000002	    csr_data_o = csr_addr_i == CYCLES_ADDR ? cycles_q : 64'd0;
 000002	    for (k = 0; k < N; k = k + 1) begin
 306042600	    verilator_coverage: (next point on previous line)

 2759706	      if (hit[k]) begin
 151641447	      verilator_coverage: (next point on previous line)

 1379853	        csr_data_o = cnt_q[k*64 +: 64];
	      end
	    end
	  end
	
	endmodule
	
