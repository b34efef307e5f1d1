	// verilator_coverage annotation
	// b > a for two non-NaN E codes (+0 and -0 are equal). Sign-magnitude
	// codes order like their values once the sign is taken into account.
	module mx_alu_cmp #(
	  parameter integer W = 8
	) (
 31749540	  input  wire [W-1:0] a_i,
 44615850	  input  wire [W-1:0] b_i,
 3610288	  output wire         gt_o
	);
	
 29959436	  wire [W-2:0] ma = a_i[W-2:0];
 41849390	  wire [W-2:0] mb = b_i[W-2:0];
 950409	  wire         zeros = (ma == {(W-1){1'b0}}) & (mb == {(W-1){1'b0}});
 1790104	  wire         sa = a_i[W-1];
 2766460	  wire         sb = b_i[W-1];
	
	  assign gt_o = ~zeros & ((~sb & sa) | (~sb & ~sa & (mb > ma)) | (sb & sa & (mb < ma)));
	
	endmodule
	
