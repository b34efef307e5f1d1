	// verilator_coverage annotation
	// MX element decoder: one OCP element code to sign, mantissa and exponent
	// offset (value = mant * 2^(exp + qexp), see mx_formats.vh) plus its class.
	// Inf and NaN codes decode to a zero magnitude; their flags carry them.
	module mx_elem_dec #(
	  parameter integer FMT = 4,
	  // Derived from FMT; not meant to be overridden.
	  parameter integer CW  = mx_code_bits(FMT),
	  parameter integer MW  = mx_mant_w(FMT),
	  parameter integer XW  = mx_exp_w(FMT)
	) (
 109309924	  input  wire [CW-1:0] code_i,
 14035172	  output wire          sign_o,
 43982188	  output reg  [MW-1:0] mant_o,
 60170180	  output reg  [XW-1:0] exp_o,
 3953176	  output reg           zero_o,
%000000	  output reg           inf_o,
%000000	  output reg           nan_o
	);
	
	  `include "mx_formats.vh"
	
	  localparam integer EB = mx_ebits(FMT);
	  localparam integer TB = mx_tbits(FMT);
	  localparam integer HAS_INF = mx_has_inf(FMT);
	
	  assign sign_o = code_i[CW-1];
	
	  generate
	    if (EB == 0) begin : g_int
	      // Two's complement k: magnitude |k| fits MW = CW bits (|-2^(CW-1)| too).
	      always @* begin
	        mant_o = code_i[CW-1] ? (~code_i + 1'b1) : code_i;
	        exp_o  = {XW{1'b0}};
	        zero_o = (code_i == {CW{1'b0}});
	        inf_o  = 1'b0;
	        nan_o  = 1'b0;
	      end
	    end else begin : g_float
	      wire [EB-1:0] ef    = code_i[CW-2:TB];
	      wire [TB-1:0] tf    = code_i[TB-1:0];
	      wire [EB-1:0] ef_m1 = ef - 1'b1;
	      wire [MW-1:0] mant  = {ef != {EB{1'b0}}, tf};
	      wire [XW-1:0] expo  = (ef == {EB{1'b0}}) ? {XW{1'b0}} : ef_m1[XW-1:0];
 002048	      always @* begin
 001024	        zero_o = (ef == {EB{1'b0}}) & (tf == {TB{1'b0}});
	      end
	      if (mx_has_nan(FMT) != 0) begin : g_special
	        // fp8_e5m2 (IEEE-like): the top exponent code is Inf (trailing 0) or
	        // NaN; fp8_e4m3 (OCP): only S.1111.111 is NaN, no Inf.
	        wire top     = (ef == {EB{1'b1}});
	        wire special = (HAS_INF != 0) ? top : top & (tf == {TB{1'b1}});
 002048	        always @* begin
 001024	          inf_o = (HAS_INF != 0) & top & (tf == {TB{1'b0}});
 001024	          nan_o = (HAS_INF != 0) ? top & (tf != {TB{1'b0}}) : special;
%000000	          if (special) begin
 173189120	          verilator_coverage: (next point on previous line)

%000000	            mant_o = {MW{1'b0}};
%000000	            exp_o  = {XW{1'b0}};
 173189120	          end else begin
 173189120	            mant_o = mant;
 173189120	            exp_o  = expo;
	          end
	        end
	      end else begin : g_finite
	        always @* begin
	          inf_o  = 1'b0;
	          nan_o  = 1'b0;
	          mant_o = mant;
	          exp_o  = expo;
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
