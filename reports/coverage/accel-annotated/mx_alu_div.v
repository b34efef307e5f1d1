	// verilator_coverage annotation
	// Quotient of two E codes for mx_alu_round. The dividend's significand is
	// normalized (leading one at bit T) and extended by S = T + 3 zero bits, so
	// the integer quotient by a divisor below 2^(T+1) has at least T + 3 bits.
	// The remainder is dropped: rounding to nearest with ties away only asks
	// which half-quantum interval holds the value, and a truncation below the
	// guard bit never changes that. x / 0 is +-Inf; 0 / 0 and Inf / Inf are NaN.
	module mx_alu_div #(
	  parameter integer EB = 5,
	  parameter integer W  = 8,
	  parameter integer XW = 11,
	  // Derived; not meant to be overridden.
	  parameter integer T  = W - 1 - EB,
	  parameter integer MW = 2 * T + 4
	) (
 2132448	  input  wire [W-1:0]         a_i,
 003989	  input  wire [W-1:0]         b_i,
 076663	  output wire                 nan_o,
 000088	  output wire                 inf_o,   // +-Inf result (sign_o)
 129337	  output wire                 sign_o,
 1881373	  output wire [MW-1:0]        mag_o,
 1529726	  output reg signed [XW-1:0]  exp_o
	);
	
	  localparam integer S  = T + 3;
	  localparam integer DW = T + 1 + S;  // dividend bits (= MW)
	
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
	
	  assign nan_o  = a_nan | b_nan | (a_inf & b_inf) | (a_zero & b_zero);
	  assign inf_o  = a_inf | b_zero;
	  assign sign_o = a_sign ^ b_sign;
	
	  // Restoring division of {n, S zero bits} by d, one quotient bit per step
	  // from the top (a function: its remainder is not a signal of the unit).
 000054	  function automatic [DW-1:0] quotient(input [T:0] n, input [T:0] d);
	    reg [DW-1:0] num;
	    reg [T+1:0]  rem;
	    integer      k;
 000027	    begin
 000027	      num      = {n, {S{1'b0}}};
 000027	      rem      = {(T + 2){1'b0}};
 000027	      quotient = {DW{1'b0}};
 000912	      for (k = DW - 1; k >= 0; k = k - 1) begin
 000027	      verilator_coverage: (next point on previous line)

 000456	        rem = {rem[T:0], num[k]};
 166213248	        if (rem >= {1'b0, d}) begin
 11942896	        verilator_coverage: (next point on previous line)

 83106624	          rem         = rem - {1'b0, d};
 83106624	          quotient[k] = 1'b1;
	        end
	      end
	    end
	  endfunction
	
	  // Normalize the dividend: lz = T - (position of its leading one).
	  integer       lead;
	  integer       i;
	  // The exponent fits XW bits; the integer's upper bits are its sign.
	  /* verilator lint_off UNUSEDSIGNAL */
	  integer       x;
	  /* verilator lint_on UNUSEDSIGNAL */
 1342115	  reg [T:0]     a_norm;
 804487	  reg [DW-1:0]  quot;
	
 000054	  always @* begin
 000027	    lead = 0;
 000027	    for (i = 0; i <= T; i = i + 1) begin
 000402	    verilator_coverage: (next point on previous line)

 29305630	      if (a_mant[i]) begin
 27702836	      verilator_coverage: (next point on previous line)

 14652815	        lead = i;
	      end
	    end
 000027	    a_norm = a_mant << (T - lead);
 000027	    quot   = quotient(a_norm, b_mant);
 000027	    x      = {{(32 - XW){a_exp[XW-1]}}, a_exp} - {{(32 - XW){b_exp[XW-1]}}, b_exp} -
 000027	             (T - lead) - S;
 000027	    exp_o  = x[XW-1:0];
	  end
	
	  // Zero results (0 / x, x / Inf): a zero magnitude keeps the sign.
	  assign mag_o = (a_zero | b_inf) ? {MW{1'b0}} : quot;
	
	endmodule
	
