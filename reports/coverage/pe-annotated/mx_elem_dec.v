	// verilator_coverage annotation
	// MX element decoder: one OCP element code to sign, mantissa and exponent
	// offset (value = mant * 2^(exp + qexp), see mx_fmt_func.vh) plus its class.
	// Inf and NaN codes decode to a zero magnitude; their flags carry them.
	module mx_elem_dec #(
	  parameter integer FMT = 4,
	  // Derived from FMT; not meant to be overridden.
	  parameter integer CW  = mx_code_bits(FMT),
	  parameter integer MW  = mx_mant_w(FMT),
	  parameter integer XW  = mx_exp_w(FMT)
	) (
 103564900	  input  wire [CW-1:0] code_i,
 16033802	  output wire          sign_o,
 56745424	  output reg  [MW-1:0] mant_o,
 37889818	  output reg  [XW-1:0] exp_o,
 12670640	  output reg           zero_o,
 021182	  output reg           inf_o,
 088308	  output reg           nan_o
	);
	
	  `include "mx_fmt_func.vh"
	
	  localparam integer EB = mx_ebits(FMT);
	  localparam integer TB = mx_tbits(FMT);
	
	  assign sign_o = code_i[CW-1];
	
	  generate
	    if (EB == 0) begin : g_int
	      // Two's complement k: magnitude |k| fits MW = CW bits (|-2^(CW-1)| too).
 002304	      always @* begin
 001152	        mant_o = code_i[CW-1] ? (~code_i + 1'b1) : code_i;
 001152	        exp_o  = {XW{1'b0}};
 001152	        zero_o = (code_i == {CW{1'b0}});
 001152	        inf_o  = 1'b0;
 001152	        nan_o  = 1'b0;
	      end
	    end else begin : g_float
	      wire [EB-1:0] ef    = code_i[CW-2:TB];
	      wire [TB-1:0] tf    = code_i[TB-1:0];
	      wire [EB-1:0] ef_m1 = ef - 1'b1;
	      wire [MW-1:0] mant  = {ef != {EB{1'b0}}, tf};
	      wire [XW-1:0] expo  = (ef == {EB{1'b0}}) ? {XW{1'b0}} : ef_m1[XW-1:0];
 004608	      always @* begin
 002304	        zero_o = (ef == {EB{1'b0}}) & (tf == {TB{1'b0}});
	      end
	      if (FMT == 3 || FMT == 4) begin : g_special
	        // fp8_e5m2 (IEEE-like): the top exponent code is Inf (trailing 0) or
	        // NaN; fp8_e4m3 (OCP): only S.1111.111 is NaN, no Inf.
	        wire top     = (ef == {EB{1'b1}});
	        wire special = (FMT == 3) ? top : top & (tf == {TB{1'b1}});
 003456	        always @* begin
 001728	          inf_o = (FMT == 3) & top & (tf == {TB{1'b0}});
 001728	          nan_o = (FMT == 3) ? top & (tf != {TB{1'b0}}) : special;
 261924	          if (special) begin
 102317422	          verilator_coverage: (next point on previous line)

 130962	            mant_o = {MW{1'b0}};
 130962	            exp_o  = {XW{1'b0}};
 102317422	          end else begin
 102317422	            mant_o = mant;
 102317422	            exp_o  = expo;
	          end
	        end
	      end else begin : g_finite
 001152	        always @* begin
 000576	          inf_o  = 1'b0;
 000576	          nan_o  = 1'b0;
 000576	          mant_o = mant;
 000576	          exp_o  = expo;
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
