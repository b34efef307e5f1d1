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
  reg            guard;
  reg [T+1:0]    k;

  // Bits [T+1:0] of ext = {m, T zero bits} >> s, the only ones that can be
  // non-zero (ext is not a signal: its low T bits would be constant).
  function automatic [T+1:0] kept(input [MW-1:0] m, input integer s);
    /* verilator lint_off UNUSEDSIGNAL */
    reg [IW-1:0] e;
    /* verilator lint_on UNUSEDSIGNAL */
    begin
      e    = {m, {T{1'b0}}} >> s;
      kept = e[T+1:0];
    end
  endfunction

  always @* begin
    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
    lead = 0;
    for (i = 0; i < MW; i = i + 1) begin
      if (mag_i[i]) begin
        lead = i;
      end
    end
    // Normal results keep T + 1 significant bits; subnormals share QMIN.
    if (lead + x - T < QMIN) begin
      q = QMIN;
    end else begin
      q = lead + x - T;
    end
    if (q - x + T > IW + 1) begin
      rs = IW + 1;
    end else begin
      rs = q - x + T;
    end
    // Guard: ext[rs-1], zero in ext's low T bits.
    guard = (rs >= T + 1) && (rs <= IW) && mag_i[rs - 1 - T];
    // Round-to-nearest-away truth table: guard 0 -> keep, guard 1 -> up.
    k     = kept(mag_i, rs) + {{(T+1){1'b0}}, guard};
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
