	// verilator_coverage annotation
	// Product of two E codes, exact, for mx_alu_round. 0 * Inf is NaN; the sign
	// of a zero product is the exclusive or of the operands' signs.
	module mx_alu_mul #(
	  parameter integer EB = 5,
	  parameter integer W  = 8,
	  parameter integer XW = 11,
	  // Derived; not meant to be overridden.
	  parameter integer T  = W - 1 - EB,
	  parameter integer MW = 2 * T + 2
	) (
 2132448	  input  wire [W-1:0]         a_i,
 003989	  input  wire [W-1:0]         b_i,
 006734	  output wire                 nan_o,
 000680	  output wire                 inf_o,   // +-Inf result (sign_o)
 129337	  output wire                 sign_o,
 1143921	  output wire [MW-1:0]        mag_o,
 848872	  output wire signed [XW-1:0] exp_o
	);
	
 129304	  wire          a_sign, b_sign, a_zero, b_zero, a_inf, b_inf, a_nan, b_nan;
 000395	  verilator_coverage: (next point on previous line)

 071790	  verilator_coverage: (next point on previous line)

 000070	  verilator_coverage: (next point on previous line)

 000680	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 006076	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 1349915	  wire [T:0]    a_mant, b_mant;
 002223	  verilator_coverage: (next point on previous line)

 1141031	  wire signed [XW-1:0] a_exp, b_exp;
 001817	  verilator_coverage: (next point on previous line)

	  // Biased exponents: not needed for a product.
	  /* verilator lint_off UNUSEDSIGNAL */
 754596	  wire [EB-1:0] a_eb, b_eb;
 001426	  verilator_coverage: (next point on previous line)

	  /* verilator lint_on UNUSEDSIGNAL */
	
	  mx_alu_dec #(.EB(EB), .W(W), .XW(XW)) u_dec_a (
	    .code_i  (a_i),
	    .sign_o  (a_sign),
	    .mant_o  (a_mant),
	    .ebias_o (a_eb),
	    .exp_o   (a_exp),
	    .zero_o  (a_zero),
	    .inf_o   (a_inf),
	    .nan_o   (a_nan)
	  );
	  mx_alu_dec #(.EB(EB), .W(W), .XW(XW)) u_dec_b (
	    .code_i  (b_i),
	    .sign_o  (b_sign),
	    .mant_o  (b_mant),
	    .ebias_o (b_eb),
	    .exp_o   (b_exp),
	    .zero_o  (b_zero),
	    .inf_o   (b_inf),
	    .nan_o   (b_nan)
	  );
	
	  assign nan_o  = a_nan | b_nan | (a_inf & b_zero) | (a_zero & b_inf);
	  assign inf_o  = a_inf | b_inf;
	  assign sign_o = a_sign ^ b_sign;
	  assign mag_o  = a_mant * b_mant;
	  assign exp_o  = a_exp + b_exp;
	
	endmodule
	
