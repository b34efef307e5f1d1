// SEU element quantizer: one elementwise input code (1 sign, IN_EB exponent,
// IN_W-1-IN_EB trailing bits, IEEE-like) divided by 2^se and rounded to an
// MX element code (docs/hw-arithmetic.md, "MX block quantization" step 4).
// Inf/NaN inputs give don't-care codes: the SEU zeroes NaN-scale blocks.
module mx_seu_elem #(
  parameter integer IN_EB   = 5,
  parameter integer IN_W    = 8,
  parameter integer OUT_FMT = 4,
  parameter integer ROUND   = 0,
  // Derived; not meant to be overridden.
  parameter integer OCW     = (OUT_FMT == 1 || OUT_FMT == 7) ? 4 :
                              (OUT_FMT == 2) ? 2 :
                              (OUT_FMT == 5 || OUT_FMT == 6) ? 6 : 8
) (
  input  wire [IN_W-1:0]  code_i,
  input  wire signed [8:0] se_i,
  output reg  [OCW-1:0]   code_o
);

  // Exponent arithmetic: wide enough for bfloat16 inputs and any clamped scale.
  localparam integer XW    = 12;
  localparam integer IN_TB = IN_W - 1 - IN_EB;
  localparam integer IN_BIAS = (1 << (IN_EB - 1)) - 1;
  // Target: exponent bits, trailing (fraction) bits p, smallest normal exponent
  // (0 for integers, whose quantum is fixed), largest magnitude code / |k|.
  localparam integer OEB  = (OUT_FMT == 3) ? 5 : (OUT_FMT == 4) ? 4 : (OUT_FMT == 5) ? 3 :
                            (OUT_FMT == 6 || OUT_FMT == 7) ? 2 : 0;
  localparam integer OP   = (OUT_FMT == 0) ? 6 : (OUT_FMT == 2) ? 0 : (OUT_FMT == 7) ? 1 :
                            (OUT_FMT == 4 || OUT_FMT == 6) ? 3 : 2;
  localparam integer OEMIN = (OEB == 0) ? 0 : 2 - (1 << (OEB - 1));
  localparam integer OMAX  = (OEB == 0) ? (1 << (OCW - 1)) - 1 :
                             (OUT_FMT == 3) ? 123 : (OUT_FMT == 4) ? 126 :
                             (1 << (OCW - 1)) - 1;
  // Normalized significand, padded on the right so that the shift is >= 0.
  localparam integer LP  = (OP > IN_TB) ? OP - IN_TB : 0;
  localparam integer NMW = IN_TB + 1 + LP;
  localparam integer RW  = $clog2(NMW + 2);
  localparam integer KW  = (NMW + 1 > OCW) ? NMW + 1 : OCW;
  localparam integer I_EXP1 = 1 - IN_BIAS;
  localparam integer I_SHR0 = IN_TB - OP + LP;
  localparam integer I_CAP  = NMW + 1;

  localparam [XW-1:0] C_EXP1 = I_EXP1[XW-1:0];  // exponent of exponent field 1
  localparam [XW-1:0] C_BIAS = IN_BIAS[XW-1:0];
  localparam [XW-1:0] C_SHR0 = I_SHR0[XW-1:0];  // shift of a target normal
  localparam [XW-1:0] C_EMIN = OEMIN[XW-1:0];
  localparam [XW-1:0] C_CAP  = I_CAP[XW-1:0];   // shifts everything out
  localparam [XW-1:0] C_OMAX = OMAX[XW-1:0];
  localparam [KW-1:0] C_KMAX = OMAX[KW-1:0];

  wire              sign = code_i[IN_W-1];
  wire [IN_EB-1:0]  ef   = code_i[IN_W-2:IN_TB];
  wire [IN_TB-1:0]  tf   = code_i[IN_TB-1:0];
  wire              nonzero = (ef != {IN_EB{1'b0}}) | (tf != {IN_TB{1'b0}});

  // Subnormal inputs: left shift that brings the leading one to the hidden bit.
  reg  [XW-1:0]     sub_sh;
  integer           j;
  always @* begin
    sub_sh = {XW{1'b0}};
    for (j = 0; j < IN_TB; j = j + 1) begin
      if (tf[j]) begin
        sub_sh = IN_TB[XW-1:0] - j[XW-1:0];
      end
    end
  end

  reg  [IN_TB:0]    nm;      // 1.trailing
  reg  [XW-1:0]     ex;      // floor(log2 |x|)
  reg  [XW-1:0]     ey;      // floor(log2 |x / 2^se|)
  reg  [XW-1:0]     below;   // how far ey is below the target's smallest normal
  reg  [XW-1:0]     shr;
  reg  [RW-1:0]     sh;
  reg  [NMW-1:0]    nmx;
  reg  [2*NMW:0]    ext;
  reg  [NMW-1:0]    k;
  reg               g, s, inc;
  reg  [KW-1:0]     kr;
  reg  [XW-1:0]     eoff;
  reg  [XW-1:0]     mag;
  reg  [OCW-1:0]    kc;
  reg  [OCW-1:0]    kneg;

  always @* begin
    if (ef != {IN_EB{1'b0}}) begin
      nm = {1'b1, tf};
      ex = {{(XW-IN_EB){1'b0}}, ef} - C_BIAS;
    end else begin
      nm = {1'b0, tf} << sub_sh[RW-1:0];
      ex = C_EXP1 - sub_sh;
    end
    ey    = ex - {{(XW-9){se_i[8]}}, se_i};
    below = ($signed(ey) < $signed(C_EMIN)) ? C_EMIN - ey : {XW{1'b0}};
    shr   = C_SHR0 + below;
    sh    = (shr > C_CAP) ? C_CAP[RW-1:0] : shr[RW-1:0];
    nmx   = {NMW{1'b0}};
    nmx[NMW-1 -: IN_TB+1] = nm;
    ext   = {nmx, {(NMW+1){1'b0}}} >> sh;
    k     = ext[2*NMW:NMW+1];
    g     = ext[NMW];
    s     = |ext[NMW-1:0];
    case (ROUND)
      0:       inc = g;                 // nearest, ties away from zero
      2:       inc = g & (s | k[0]);    // nearest, ties to even
      default: inc = 1'b0;              // floor: toward zero
    endcase
    kr   = {KW{1'b0}};
    kr[NMW:0] = {1'b0, k} + {{NMW{1'b0}}, inc};
    // Float targets: the exponent field above the smallest normal, carry included.
    eoff = (below != {XW{1'b0}}) ? {XW{1'b0}} : ey - C_EMIN;
    mag  = (eoff << OP) + {{(XW-KW){1'b0}}, kr};
    kc   = (kr > C_KMAX) ? C_KMAX[OCW-1:0] : kr[OCW-1:0];
    kneg = {OCW{1'b0}} - kc;
    if (OEB == 0) begin
      code_o = sign ? kneg : kc;
    end else if (!nonzero) begin
      code_o = {sign, {(OCW-1){1'b0}}};
    end else if ($signed(mag) > $signed(C_OMAX) || eoff[XW-1]) begin
      code_o = {sign, C_OMAX[OCW-2:0]};
    end else begin
      code_o = {sign, mag[OCW-2:0]};
    end
  end

endmodule
