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
 447974	  input  wire [CW-1:0] code_i,
 078126	  output wire          sign_o,
 11229258	  output reg  [MW-1:0] mant_o,
 6929520	  output reg  [XW-1:0] exp_o,
 4402796	  output reg           zero_o,
 1465060	  output reg           inf_o,
 631366	  output reg           nan_o
	);
	
	  `include "mx_fmt_func.vh"
	
	  localparam integer EB = mx_ebits(FMT);
	  localparam integer TB = mx_tbits(FMT);
	
	  assign sign_o = code_i[CW-1];
	
	  generate
	    if (EB == 0) begin : g_int
	      // Two's complement k: magnitude |k| fits MW = CW bits (|-2^(CW-1)| too).
 001536	      always @* begin
 000768	        mant_o = code_i[CW-1] ? (~code_i + 1'b1) : code_i;
 000768	        exp_o  = {XW{1'b0}};
 000768	        zero_o = (code_i == {CW{1'b0}});
 000768	        inf_o  = 1'b0;
 000768	        nan_o  = 1'b0;
	      end
	    end else begin : g_float
	      wire [EB-1:0] ef    = code_i[CW-2:TB];
	      wire [TB-1:0] tf    = code_i[TB-1:0];
	      wire [EB-1:0] ef_m1 = ef - 1'b1;
	      wire [MW-1:0] mant  = {ef != {EB{1'b0}}, tf};
	      wire [XW-1:0] expo  = (ef == {EB{1'b0}}) ? {XW{1'b0}} : ef_m1[XW-1:0];
 003072	      always @* begin
 001536	        zero_o = (ef == {EB{1'b0}}) & (tf == {TB{1'b0}});
	      end
	      if (FMT == 3 || FMT == 4) begin : g_special
	        // fp8_e5m2 (IEEE-like): the top exponent code is Inf (trailing 0) or
	        // NaN; fp8_e4m3 (OCP): only S.1111.111 is NaN, no Inf.
	        wire top     = (ef == {EB{1'b1}});
	        wire special = (FMT == 3) ? top : top & (tf == {TB{1'b1}});
 002304	        always @* begin
 001152	          inf_o = (FMT == 3) & top & (tf == {TB{1'b0}});
 001152	          nan_o = (FMT == 3) ? top & (tf != {TB{1'b0}}) : special;
 137956	          if (special) begin
 74845390	          verilator_coverage: (next point on previous line)

 068978	            mant_o = {MW{1'b0}};
 068978	            exp_o  = {XW{1'b0}};
 74845390	          end else begin
 74845390	            mant_o = mant;
 74845390	            exp_o  = expo;
	          end
	        end
	      end else begin : g_finite
 000768	        always @* begin
 000384	          inf_o  = 1'b0;
 000384	          nan_o  = 1'b0;
 000384	          mant_o = mant;
 000384	          exp_o  = expo;
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
