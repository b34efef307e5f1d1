	// verilator_coverage annotation
	// One of an epilogue lane's ALU steps after QUANT (mx_accel_lanes): the ALU
	// with the descriptor's operation, or, when the chain has no step here, two
	// registers that keep the lane's latency.
	module mx_accel_lane_step #(
	  parameter integer EB        = 5,
	  parameter integer W         = 8,
	  parameter         EXP_TABLE = "mx_alu_exp.hex",
	  parameter         LOG_TABLE = "mx_alu_log.hex"
	) (
 2918356	  input  wire         clk_i,
 000054	  input  wire         rst_ni,
 000186	  input  wire         on_i,     // the ALU does op_i; else the bypass
 000480	  input  wire [3:0]   op_i,
 274808	  input  wire         valid_i,
 1017692	  input  wire [W-1:0] a_i,
 003907	  input  wire [W-1:0] b_i,
 240872	  input  wire         first_i,  // RMAX: the window's first row
 239192	  input  wire         last_i,   // RMAX: its last row
 262520	  output wire         valid_o,
 456452	  output wire [W-1:0] data_o
	);
	
 211900	  wire         alu_valid;
 307890	  wire [W-1:0] alu_data;
	  // the lane moves by its schedule, not by the ALU's handshake: ready/valid outputs unused
	  /* verilator lint_off PINCONNECTEMPTY */
	  mx_alu #(.EB(EB), .W(W), .EXP_TABLE(EXP_TABLE), .LOG_TABLE(LOG_TABLE)) u_alu (
	    .clk_i       (clk_i),
	    .rst_ni      (rst_ni),
	    .in_valid_i  (valid_i & on_i),
	    .in_ready_o  (),
	    .in_op_i     (op_i),
	    .in_first_i  (first_i),
	    .in_last_i   (last_i),
	    .in_a_i      ({{(32-W){1'b0}}, a_i}),
	    .in_b_i      (b_i),
	    .out_valid_o (alu_valid),
	    .out_ready_i (1'b1),
	    .out_data_o  (alu_data)
	  );
	      /* verilator lint_on PINCONNECTEMPTY */
	
 050620	  reg         v0_q, v1_q;
 050620	  verilator_coverage: (next point on previous line)

 1017312	  reg [W-1:0] d0_q, d1_q;
 1017292	  verilator_coverage: (next point on previous line)

 2918392	  always @(posedge clk_i or negedge rst_ni) begin
 000036	    if (!rst_ni) begin
 1459178	    verilator_coverage: (next point on previous line)

 000018	      v0_q <= 1'b0; v1_q <= 1'b0;
 000018	      d0_q <= {W{1'b0}}; d1_q <= {W{1'b0}};
 1459178	    end else begin
 1459178	      v0_q <= valid_i & ~on_i;
 1459178	      v1_q <= v0_q;
 1459178	      d0_q <= a_i;
 1459178	      d1_q <= d0_q;
	    end
	  end
	
	  assign valid_o = on_i ? alu_valid : v1_q;
	  assign data_o  = on_i ? alu_data : d1_q;
	
	endmodule
	
