	// verilator_coverage annotation
	// b > a for two non-NaN E codes (+0 and -0 are equal). Sign-magnitude
	// codes order like their values once the sign is taken into account.
	module mx_alu_cmp #(
	  parameter integer W = 8
	) (
 2202239	  input  wire [W-1:0] a_i,
 2136437	  input  wire [W-1:0] b_i,
 269709	  output wire         gt_o
	);
	
 2072932	  wire [W-2:0] ma = a_i[W-2:0];
 2006738	  wire [W-2:0] mb = b_i[W-2:0];
 132217	  wire         zeros = (ma == {(W-1){1'b0}}) & (mb == {(W-1){1'b0}});
 129307	  wire         sa = a_i[W-1];
 129699	  wire         sb = b_i[W-1];
	
	  assign gt_o = ~zeros & ((~sb & sa) | (~sb & ~sa & (mb > ma)) | (sb & sa & (mb < ma)));
	
	endmodule
	
