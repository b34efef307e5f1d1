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
  // result's quantum is always a right shift (it is at most 23 bits left):
  // ext = {mag_i, 24'd0} >> rs, of which only the low 24 bits can be non-zero
  // (rs > lead). ext is not a register: mant, guard and sticky are formed from
  // mag_i directly.
  localparam integer IW = W + 24;

  integer        lead;      // position of the leading one of mag_i
  integer        q;         // exponent of the result's quantum
  integer        rs;        // right shift of the extended magnitude
  integer        i;
  integer        x;
  reg [24:0]     mant;      // the kept bits (rs > lead: below 2^24), then rounded
  reg            guard;
  reg            sticky;
  reg [7:0]      efield;
  reg [30:0]     bits;

  // Bits [23:0] of {m, 24'd0} >> s; the others are 0 for every s > lead.
  function automatic [23:0] kept24(input [W-1:0] m, input integer s);
    /* verilator lint_off UNUSEDSIGNAL */
    reg [IW-1:0] e;
    /* verilator lint_on UNUSEDSIGNAL */
    begin
      e      = {m, 24'd0} >> s;
      kept24 = e[23:0];
    end
  endfunction

  always @* begin
    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
    lead = 0;
    for (i = 0; i < W; i = i + 1) begin
      if (mag_i[i]) begin
        lead = i;
      end
    end
    // Normal results keep 24 significant bits; subnormals have quantum 2^-149.
    if (lead + x - 23 < -149) begin
      q = -149;
    end else begin
      q = lead + x - 23;
    end
    // IW + 1 shifts everything below the guard bit.
    if (q - x + 24 > IW + 1) begin
      rs = IW + 1;
    end else begin
      rs = q - x + 24;
    end
    // Guard: ext[rs-1]; sticky: ext[rs-2:0] != 0.
    guard  = (rs >= 1) && (rs <= IW) && (rs - 1 >= 24) && mag_i[rs - 25];
    sticky = (({mag_i, 24'd0} << (IW - rs + 1)) != {IW{1'b0}});
    mant   = {1'b0, kept24(mag_i, rs)};
    mant   = mant + {24'd0, guard & (sticky | mant[0])};
    efield = q[7:0] + 8'd149;
    bits   = {efield, 23'd0} + {6'd0, mant};
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
