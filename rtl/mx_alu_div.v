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
  input  wire [W-1:0]         a_i,
  input  wire [W-1:0]         b_i,
  output wire                 nan_o,
  output wire                 inf_o,   // +-Inf result (sign_o)
  output wire                 sign_o,
  output wire [MW-1:0]        mag_o,
  output reg signed [XW-1:0]  exp_o
);

  localparam integer S  = T + 3;
  localparam integer DW = T + 1 + S;  // dividend bits (= MW)

  wire          a_sign, b_sign, a_zero, b_zero, a_inf, b_inf, a_nan, b_nan;
  wire [T:0]    a_mant, b_mant;
  wire signed [XW-1:0] a_exp, b_exp;
  /* verilator lint_off UNUSEDSIGNAL */
  wire [EB-1:0] a_eb, b_eb;
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
  function automatic [DW-1:0] quotient(input [T:0] n, input [T:0] d);
    reg [DW-1:0] num;
    reg [T+1:0]  rem;
    integer      k;
    begin
      num      = {n, {S{1'b0}}};
      rem      = {(T + 2){1'b0}};
      quotient = {DW{1'b0}};
      for (k = DW - 1; k >= 0; k = k - 1) begin
        rem = {rem[T:0], num[k]};
        if (rem >= {1'b0, d}) begin
          rem         = rem - {1'b0, d};
          quotient[k] = 1'b1;
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
  reg [T:0]     a_norm;
  reg [DW-1:0]  quot;

  always @* begin
    lead = 0;
    for (i = 0; i <= T; i = i + 1) begin
      if (a_mant[i]) begin
        lead = i;
      end
    end
    a_norm = a_mant << (T - lead);
    quot   = quotient(a_norm, b_mant);
    x      = {{(32 - XW){a_exp[XW-1]}}, a_exp} - {{(32 - XW){b_exp[XW-1]}}, b_exp} -
             (T - lead) - S;
    exp_o  = x[XW-1:0];
  end

  // Zero results (0 / x, x / Inf): a zero magnitude keeps the sign.
  assign mag_o = (a_zero | b_inf) ? {MW{1'b0}} : quot;

endmodule
