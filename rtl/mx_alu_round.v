// Rounds (-1)^sign * mag * 2^exp once to the elementwise format E: round to
// nearest with ties away from zero, subnormals kept, overflow to Inf; mag = 0
// gives a zero of the given sign. Ties away needs only the guard bit (the
// first bit below the result's quantum); a jammed sticky bit in mag's least
// significant bit must lie at least one bit below the guard bit.
module mx_alu_round #(
  parameter integer EB = 5,   // exponent bits of E
  parameter integer W  = 8,   // code bits of E
  parameter integer MW = 24,  // magnitude bits
  parameter integer XW = 11   // signed exponent bits
) (
  input  wire                 sign_i,
  input  wire [MW-1:0]        mag_i,
  input  wire signed [XW-1:0] exp_i,
  output reg  [W-1:0]         code_o
);

  localparam integer T    = W - 1 - EB;
  localparam integer BIAS = (1 << (EB - 1)) - 1;
  localparam integer QMIN = 1 - BIAS - T;  // quantum of subnormals
  // The magnitude is extended by T zero bits below so that the shift to the
  // result's quantum is always a right shift (it is at most T bits left).
  localparam integer IW   = MW + T;
  localparam integer INF  = ((1 << EB) - 1) << T;

  integer        lead;   // position of the leading one of mag_i
  integer        q;      // exponent of the result's quantum
  integer        rs;     // right shift of the extended magnitude
  integer        i;
  integer        x;
  integer        field;  // exponent field less one, before a rounding carry
  integer        bits;
  reg [IW-1:0]   ext;
  // Only kept[T:0] can be non-zero: the shift leaves at most T + 1 bits.
  /* verilator lint_off UNUSEDSIGNAL */
  reg [IW-1:0]   kept;
  /* verilator lint_on UNUSEDSIGNAL */
  reg            guard;
  reg [T+1:0]    k;

  always @* begin
    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
    lead = 0;
    for (i = 0; i < MW; i = i + 1) begin
      if (mag_i[i]) begin
        lead = i;
      end
    end
    // Normal results keep T + 1 significant bits; subnormals share QMIN.
    q = lead + x - T;
    if (q < QMIN) begin
      q = QMIN;
    end
    rs = q - x + T;
    if (rs > IW + 1) begin
      rs = IW + 1;
    end
    ext   = {mag_i, {T{1'b0}}};
    kept  = ext >> rs;
    guard = (rs >= 1) && (rs <= IW) && ext[rs-1];
    // Round-to-nearest-away truth table: guard 0 -> keep, guard 1 -> up.
    k     = kept[T+1:0] + {{(T+1){1'b0}}, guard};
    // The implicit bit (and a rounding carry) adds one to the exponent field.
    field = q - QMIN;
    bits  = (field << T) + {{(30 - T){1'b0}}, k};
    if (mag_i == {MW{1'b0}}) begin
      code_o = {sign_i, {(W-1){1'b0}}};
    end else if (bits >= INF) begin
      code_o = {sign_i, INF[W-2:0]};
    end else begin
      code_o = {sign_i, bits[W-2:0]};
    end
  end

endmodule
