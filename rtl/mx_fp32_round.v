// Rounds (-1)^sign * mag * 2^exp, mag an unsigned integer, once to fp32:
// round-to-nearest-even, subnormals kept, overflow to Inf. mag = 0 gives a
// zero of the given sign.
module mx_fp32_round #(
  parameter integer W  = 28,  // magnitude bits
  parameter integer XW = 12   // signed exponent bits
) (
  input  wire                 sign_i,
  input  wire [W-1:0]         mag_i,
  input  wire signed [XW-1:0] exp_i,
  output reg  [31:0]          fp_o
);

  // The magnitude is extended by 24 zero bits below so that the shift to the
  // result's quantum is always a right shift (it is at most 23 bits left).
  localparam integer IW = W + 24;

  integer        lead;      // position of the leading one of mag_i
  integer        q;         // exponent of the result's quantum
  integer        rs;        // right shift of the extended magnitude
  integer        i;
  integer        x;
  reg [IW-1:0]   ext;
  // Only kept[25:0] can be non-zero: the shift leaves at most 24 bits.
  /* verilator lint_off UNUSEDSIGNAL */
  reg [IW-1:0]   kept;
  /* verilator lint_on UNUSEDSIGNAL */
  reg [IW-1:0]   low;
  reg [25:0]     mant;
  reg            guard;
  reg            sticky;
  reg [7:0]      efield;
  reg [30:0]     bits;

  always @* begin
    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
    lead = 0;
    for (i = 0; i < W; i = i + 1) begin
      if (mag_i[i]) begin
        lead = i;
      end
    end
    // Normal results keep 24 significant bits; subnormals have quantum 2^-149.
    q = lead + x - 23;
    if (q < -149) begin
      q = -149;
    end
    rs = q - x + 24;
    if (rs > IW + 1) begin
      rs = IW + 1;
    end
    ext    = {mag_i, 24'd0};
    kept   = ext >> rs;
    low    = ext << (IW - rs + 1);
    guard  = (rs >= 1) && (rs <= IW) && ext[rs-1];
    sticky = (low != {IW{1'b0}});
    mant   = kept[25:0];
    mant   = mant + {25'd0, guard & (sticky | mant[0])};
    efield = q[7:0] + 8'd149;
    bits   = {efield, 23'd0} + {5'd0, mant};
    if (mag_i == {W{1'b0}}) begin
      fp_o = {sign_i, 31'd0};
    end else if (q + 149 > 253) begin
      fp_o = {sign_i, 8'hff, 23'd0};
    end else begin
      // The implicit bit carries into the exponent field; so does a rounding
      // carry, up to exactly Inf.
      fp_o = {sign_i, bits};
    end
  end

endmodule
