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
 31425924	  input  wire [W-1:0]         a_i,
 13189926	  input  wire [W-1:0]         b_i,
 1253256	  output wire                 nan_o,
 268118	  output wire                 inf_o,   // +-Inf result (sign_o)
 1810828	  output wire                 sign_o,
 18342322	  output wire [MW-1:0]        mag_o,
 17469486	  output reg signed [XW-1:0]  exp_o
	);
	
	  localparam integer S  = T + 3;
	  localparam integer DW = T + 1 + S;  // dividend bits (= MW)
	
 1769020	  wire          a_sign, b_sign, a_zero, b_zero, a_inf, b_inf, a_nan, b_nan;
 997440	  verilator_coverage: (next point on previous line)

 586844	  verilator_coverage: (next point on previous line)

 218772	  verilator_coverage: (next point on previous line)

 066570	  verilator_coverage: (next point on previous line)

 061620	  verilator_coverage: (next point on previous line)

 893496	  verilator_coverage: (next point on previous line)

 236026	  verilator_coverage: (next point on previous line)

 17426606	  wire [T:0]    a_mant, b_mant;
 6991808	  verilator_coverage: (next point on previous line)

 16633886	  wire signed [XW-1:0] a_exp, b_exp;
 10009268	  verilator_coverage: (next point on previous line)

	  /* verilator lint_off UNUSEDSIGNAL */
 12698106	  wire [EB-1:0] a_eb, b_eb;
 5567004	  verilator_coverage: (next point on previous line)

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
 000060	  function automatic [DW-1:0] quotient(input [T:0] n, input [T:0] d);
	    reg [DW-1:0] num;
	    reg [T+1:0]  rem;
	    integer      k;
 000030	    begin
 000030	      num      = {n, {S{1'b0}}};
 000030	      rem      = {(T + 2){1'b0}};
 000030	      quotient = {DW{1'b0}};
 000936	      for (k = DW - 1; k >= 0; k = k - 1) begin
 000030	      verilator_coverage: (next point on previous line)

 000468	        rem = {rem[T:0], num[k]};
 199925472	        if (rem >= {1'b0, d}) begin
 68540084	        verilator_coverage: (next point on previous line)

 99962736	          rem         = rem - {1'b0, d};
 99962736	          quotient[k] = 1'b1;
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
 17178196	  reg [T:0]     a_norm;
 12497764	  reg [DW-1:0]  quot;
	
 000060	  always @* begin
 000030	    lead = 0;
 000030	    for (i = 0; i <= T; i = i + 1) begin
 000408	    verilator_coverage: (next point on previous line)

 71689044	      if (a_mant[i]) begin
 38818994	      verilator_coverage: (next point on previous line)

 35844522	        lead = i;
	      end
	    end
 000030	    a_norm = a_mant << (T - lead);
 000030	    quot   = quotient(a_norm, b_mant);
 000030	    x      = {{(32 - XW){a_exp[XW-1]}}, a_exp} - {{(32 - XW){b_exp[XW-1]}}, b_exp} -
 000030	             (T - lead) - S;
 000030	    exp_o  = x[XW-1:0];
	  end
	
	  // Zero results (0 / x, x / Inf): a zero magnitude keeps the sign.
	  assign mag_o = (a_zero | b_inf) ? {MW{1'b0}} : quot;
	
	endmodule
	
