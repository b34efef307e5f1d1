	// verilator_coverage annotation
	// Sum of two E codes (b negated for SUB), exact up to a sticky bit, for
	// mx_alu_round: the smaller operand is aligned with two guard bits and a
	// sticky bit. A sum that loses bits to the sticky bit (shift >= 3) cancels
	// at most one leading bit, so the sticky bit stays below the guard bit of
	// the rounding. An exact zero is +0 unless both operands are -0.
	module mx_alu_add #(
	  parameter integer EB = 5,
	  parameter integer W  = 8,
	  parameter integer XW = 11,
	  // Derived; not meant to be overridden.
	  parameter integer T  = W - 1 - EB,
	  parameter integer MW = T + 5
	) (
 2132448	  input  wire [W-1:0]         a_i,
 003989	  input  wire [W-1:0]         b_i,
 000026	  input  wire                 sub_i,
 006076	  output wire                 nan_o,
 000680	  output wire                 inf_o,   // +-Inf result (sign_o)
 123666	  output wire                 sign_o,
 1558022	  output wire [MW-1:0]        mag_o,
 1043380	  output wire signed [XW-1:0] exp_o
	);
	
	  localparam integer SW = T + 3;  // significand with two guard bits
	  localparam integer DW = $clog2(SW + 1);  // bits of an alignment shift
	  localparam [EB-1:0] SW_E = SW[EB-1:0];
	  localparam [DW-1:0] SW_D = SW[DW-1:0];
	  localparam signed [XW-1:0] GRS = 3;
	
 129304	  wire          a_sign, b_sign0, a_inf, b_inf, a_nan, b_nan;
 000395	  verilator_coverage: (next point on previous line)

 000680	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 006076	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

	  // Zeros need no class here: their magnitudes are zero.
	  /* verilator lint_off UNUSEDSIGNAL */
 071790	  wire          a_zero, b_zero;
 000070	  verilator_coverage: (next point on previous line)

	  /* verilator lint_on UNUSEDSIGNAL */
 1349915	  wire [T:0]    a_mant, b_mant;
 002223	  verilator_coverage: (next point on previous line)

 754596	  wire [EB-1:0] a_eb, b_eb;
 001426	  verilator_coverage: (next point on previous line)

 1141031	  wire signed [XW-1:0] a_exp, b_exp;
 001817	  verilator_coverage: (next point on previous line)

	
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
	    .sign_o  (b_sign0),
	    .mant_o  (b_mant),
	    .ebias_o (b_eb),
	    .exp_o   (b_exp),
	    .zero_o  (b_zero),
	    .inf_o   (b_inf),
	    .nan_o   (b_nan)
	  );
	
 000413	  wire b_sign = b_sign0 ^ sub_i;
 129355	  wire eff_sub = a_sign ^ b_sign;
	
	  // Order by magnitude (the encoding orders magnitudes as integers).
 020933	  wire                 swap     = b_i[W-2:0] > a_i[W-2:0];
 1320248	  wire [T:0]           m_big    = swap ? b_mant : a_mant;
 090560	  wire [T:0]           m_small  = swap ? a_mant : b_mant;
 736912	  wire [EB-1:0]        e_big    = swap ? b_eb : a_eb;
 037514	  wire [EB-1:0]        e_small  = swap ? a_eb : b_eb;
 1120914	  wire signed [XW-1:0] x_big    = swap ? b_exp : a_exp;
 130239	  wire                 sign_big = swap ? b_sign : a_sign;
	
	  // Align the smaller operand: {m_small, 2'b00} shifted right by d_c; the
	  // bits shifted out make the sticky bit.
 740878	  wire [EB-1:0] d     = e_big - e_small;
 484286	  wire [DW-1:0] d_c   = (d > SW_E) ? SW_D : d[DW-1:0];
 406167	  wire [SW-1:0] s_sh  = {m_small, 2'b00} >> d_c;
 028772	  wire          s_stk = ({m_small, 2'b00} << (SW_D - d_c)) != {SW{1'b0}};
 434939	  wire [SW:0]   b_al  = {s_sh, s_stk};
 1558022	  wire [MW-1:0] mag   = eff_sub ? ({1'b0, m_big, 3'b000} - {1'b0, b_al})
	                                : ({1'b0, m_big, 3'b000} + {1'b0, b_al});
	
	  assign nan_o  = a_nan | b_nan | (a_inf & b_inf & eff_sub);
	  assign inf_o  = a_inf | b_inf;
	  // An exact zero: -0 only when both operands are -0.
	  assign sign_o = inf_o ? (a_inf ? a_sign : b_sign) :
	                  (mag == {MW{1'b0}}) ? (a_sign & b_sign) : sign_big;
	  assign mag_o  = mag;
	  assign exp_o  = x_big - GRS;
	
	endmodule
	
