	// verilator_coverage annotation
	// SEU element quantizer: one elementwise input code (1 sign, IN_EB exponent,
	// IN_W-1-IN_EB trailing bits, IEEE-like) divided by 2^se and rounded to an
	// MX element code (docs/hw-arithmetic.md, "MX block quantization" step 4).
	//
	// se_i is the shared exponent of the element's block (mx_seu): no element of
	// the block lies above the target's largest binade (ey <= emax below). Other
	// se_i, and Inf/NaN inputs, give don't-care codes (the SEU zeroes NaN-scale
	// blocks). Only the hardware of the selected variant exists: the round-up
	// logic of ROUND, the integer or the float encoding, saturation only where a
	// rounded value can exceed the largest code; the exponent and shifter widths
	// follow from the input and target formats.
	module mx_seu_elem #(
	  parameter integer IN_EB   = 5,
	  parameter integer IN_W    = 8,
	  parameter integer OUT_FMT = 4,
	  parameter integer ROUND   = 0,
	  // Derived; not meant to be overridden.
	  parameter integer OCW     = mx_code_bits(OUT_FMT)
	) (
 074148	  input  wire [IN_W-1:0]   code_i,
 130752	  input  wire signed [8:0] se_i,
 078202	  output reg  [OCW-1:0]    code_o
	);
	
	  `include "mx_formats.vh"
	
	  localparam integer IN_TB   = IN_W - 1 - IN_EB;
	  localparam integer IN_BIAS = (1 << (IN_EB - 1)) - 1;
	  // Target: exponent bits, trailing (fraction) bits p, smallest and largest
	  // normal exponent (0 for integers, whose quantum is fixed), largest
	  // magnitude code / |k|.
	  localparam integer OEB   = mx_ebits(OUT_FMT);
	  localparam integer OP    = mx_tbits(OUT_FMT);
	  localparam integer OEMIN = mx_emin(OUT_FMT);
	  localparam integer OEMAX = mx_emax(OUT_FMT);
	  localparam integer OMAX  = mx_max_code(OUT_FMT);
	
	  // floor(log2 |x|) of an input lies in 1-IN_BIAS-IN_TB .. IN_BIAS+1 (XEW
	  // bits signed); de = floor(log2 |x / 2^se|) - emin, for any se_i (DW bits).
	  localparam integer XEW = $clog2(IN_BIAS + IN_TB + 2) + 1;
	  localparam integer DW  = ((XEW > 9) ? XEW : 9) + 2;
	  localparam integer SSW = $clog2(IN_TB + 1);
	  // Right shift of the significand below the target's smallest normal: OP+2
	  // moves every bit below the guard bit, and no block needs more than BMAX
	  // (its lowest element under the largest se of a finite block).
	  localparam integer BMAX = OEMIN - (1 - IN_BIAS - IN_TB) + (IN_BIAS - OEMAX);
	  localparam integer CAP  = (BMAX < OP + 2) ? BMAX : OP + 2;
	  localparam integer SBW  = $clog2(CAP + 1);
	  // A rounding carry out of the OP+1 bits of k needs input bits below the
	  // target's precision; saturation, a rounded value above the largest code
	  // (where the top mantissa code is NaN, as in fp8_e4m3, also a truncated one).
	  localparam integer CARRY = (ROUND != 1 && IN_TB > OP) ? 1 : 0;
	  localparam integer TOPNAN = (mx_has_nan(OUT_FMT) != 0 && mx_has_inf(OUT_FMT) == 0) ? 1 : 0;
	  localparam integer SAT   = (TOPNAN != 0) ? ((IN_TB >= OP) ? 1 : 0) : CARRY;
	  localparam integer KRW   = OP + 1 + CARRY;
	  // Bits of the significand that the rounding reads: k, the guard bit, and
	  // for ties-to-even every bit below (room for the largest shift).
	  localparam integer WW = (ROUND == 1) ? OP + 1 : (ROUND == 0) ? OP + 2 :
	                          (IN_TB + 1 + CAP > OP + 3) ? IN_TB + 1 + CAP : OP + 3;
	
	  localparam integer I_EXP1 = 1 - IN_BIAS;
	  localparam integer I_NCAP = -CAP;
	  localparam [XEW-1:0] C_EXP1 = I_EXP1[XEW-1:0];  // exponent of exponent field 1
	  localparam [XEW-1:0] C_BIAS = IN_BIAS[XEW-1:0];
	  localparam [DW-1:0]  C_EMIN = OEMIN[DW-1:0];
	  localparam [DW-1:0]  C_NCAP = I_NCAP[DW-1:0];
	  localparam [SBW-1:0] C_CAP  = CAP[SBW-1:0];
	
%000000	  wire              sign   = code_i[IN_W-1];
 050018	  wire [IN_EB-1:0]  ef     = code_i[IN_W-2:IN_TB];
 024130	  wire [IN_TB-1:0]  tf     = code_i[IN_TB-1:0];
 014104	  wire              normal = (ef != {IN_EB{1'b0}});
	
	  // Subnormal inputs: left shift that brings the leading one to the hidden bit.
 020040	  reg  [SSW-1:0]    sub_sh;
	  integer           j;
 000128	  always @* begin
 000064	    sub_sh = {SSW{1'b0}};
 000064	    for (j = 0; j < IN_TB; j = j + 1) begin
 000256	    verilator_coverage: (next point on previous line)

 049512	      if (tf[j]) begin
 201804	      verilator_coverage: (next point on previous line)

 024756	        sub_sh = IN_TB[SSW-1:0] - j[SSW-1:0];
	      end
	    end
	  end
	
	  // Normalized significand (1.trailing) and floor(log2 |x|). Roundings other
	  // than ties-to-even read nm only down to the guard bit.
	  /* verilator lint_off UNUSEDSIGNAL */
 038232	  wire [IN_TB:0]    nm = normal ? {1'b1, tf} : ({1'b0, tf} << sub_sh);
	  /* verilator lint_on UNUSEDSIGNAL */
 053966	  wire [XEW-1:0]    ex = normal ? {{(XEW-IN_EB){1'b0}}, ef} - C_BIAS
	                                : C_EXP1 - {{(XEW-SSW){1'b0}}, sub_sh};
 143792	  wire [DW-1:0]     de = {{(DW-XEW){ex[XEW-1]}}, ex} - {{(DW-9){se_i[8]}}, se_i} - C_EMIN;
	
	  // Below the smallest normal the quantum stays 2^(emin-p): shift right.
 000530	  wire [SBW-1:0]    shb = !de[DW-1] ? {SBW{1'b0}} :
	                          ($signed(de) <= $signed(C_NCAP)) ? C_CAP : {SBW{1'b0}} - de[SBW-1:0];
	
	  // The top WW bits of the significand, shifted: k = the OP+1 bits that stay.
 038232	  wire [WW-1:0]     ext;
 038232	  wire [OP:0]       k = ext[WW-1 -: OP+1];
 038232	  reg  [KRW-1:0]    kr;
	  generate
	    if (WW <= IN_TB + 1) begin : g_cut
	      assign ext = nm[IN_TB -: WW] >> shb;
	    end else begin : g_pad
	      assign ext = {nm, {(WW-IN_TB-1){1'b0}}} >> shb;
	    end
	
	    if (ROUND == 1) begin : g_floor
	      // Toward zero: k as is.
	      always @* begin
	        kr = k;
	      end
	    end else if (ROUND == 0) begin : g_away
	      // Nearest, ties away from zero: add the guard bit.
 000128	      always @* begin
 000064	        kr = {KRW{1'b0}};
 000064	        kr[OP:0] = k;
 000064	        kr = kr + {{(KRW-1){1'b0}}, ext[0]};
	      end
	    end else begin : g_even
	      // Nearest, ties to even: guard and (sticky or k odd).
	      wire g = ext[WW-OP-2];
	      wire s = |ext[WW-OP-3:0];
	      always @* begin
	        kr = {KRW{1'b0}};
	        kr[OP:0] = k;
	        kr = kr + {{(KRW-1){1'b0}}, g & (s | k[0])};
	      end
	    end
	
	    if (OEB == 0) begin : g_int
	      // Two's complement of min(k, 2^(w-1)-1); no -0.
	      wire [OP:0] km;
	      if (CARRY != 0) begin : g_sat
	        assign km = kr[OP:0] | {(OP+1){kr[OP+1]}};
	      end else begin : g_exact
	        assign km = kr;
	      end
	      always @* begin
	        if (sign) begin
	          code_o = {OCW{1'b0}} - {1'b0, km};
	        end else begin
	          code_o = {1'b0, km};
	        end
	      end
	    end else begin : g_float
	      // Exponent field above the smallest normal (ey <= emax: OEB bits), and
	      // the magnitude code: a rounding carry moves into the exponent field.
	      localparam integer MAGMAX = ((OEMAX - OEMIN) << OP) + (1 << (OP + 1)) - 1 + CARRY;
	      localparam integer MAGW   = $clog2(MAGMAX + 1);
	      localparam [MAGW-1:0] C_OMAX = OMAX[MAGW-1:0];
	      wire           nonzero = normal | (tf != {IN_TB{1'b0}});
	      wire [OEB-1:0] eoff    = de[DW-1] ? {OEB{1'b0}} : de[OEB-1:0];
	      reg  [MAGW-1:0] mag;
 000128	      always @* begin
 000064	        mag = {MAGW{1'b0}};
 000064	        mag[OEB+OP-1:OP] = eoff;
 000064	        mag = mag + {{(MAGW-KRW){1'b0}}, kr};
	      end
	      if (SAT != 0) begin : g_sat
	        // Saturation to the largest finite code.
	        always @* begin
	          if (!nonzero) begin
	            code_o = {sign, {(OCW-1){1'b0}}};
	          end else if (mag > C_OMAX) begin
	            code_o = {sign, C_OMAX[OCW-2:0]};
	          end else begin
	            code_o = {sign, mag[OCW-2:0]};
	          end
	        end
	      end else begin : g_exact
	        // Every rounded value has a code (MAGW = OCW - 1).
 000128	        always @* begin
 172144	          if (!nonzero) begin
 027208	          verilator_coverage: (next point on previous line)

 086072	            code_o = {sign, {(OCW-1){1'b0}}};
 027208	          end else begin
 027208	            code_o = {sign, mag};
	          end
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
