// IEEE fp32 addition, round-to-nearest-even, subnormals kept. A NaN operand
// or Inf + -Inf gives the canonical NaN 0x7fc00000; an exact zero sum of
// operands of different signs is +0.
module mx_fp32_add (
  input  wire [31:0] a_i,
  input  wire [31:0] b_i,
  output reg  [31:0] sum_o
);

  wire a_nan = (a_i[30:23] == 8'hff) & (a_i[22:0] != 23'd0);
  wire b_nan = (b_i[30:23] == 8'hff) & (b_i[22:0] != 23'd0);
  wire a_inf = (a_i[30:0] == 31'h7f800000);
  wire b_inf = (b_i[30:0] == 31'h7f800000);

  // Order by magnitude (the encoding orders magnitudes as integers).
  wire        swap  = b_i[30:0] > a_i[30:0];
  wire [31:0] larger  = swap ? b_i : a_i;
  wire [30:0] lesser = swap ? a_i[30:0] : b_i[30:0];

  // Subnormals: exponent 1, no implicit bit.
  wire [7:0]  e_big   = (larger[30:23] == 8'd0) ? 8'd1 : larger[30:23];
  wire [7:0]  e_small = (lesser[30:23] == 8'd0) ? 8'd1 : lesser[30:23];
  wire [23:0] m_big   = {larger[30:23] != 8'd0, larger[22:0]};
  wire [23:0] m_small = {lesser[30:23] != 8'd0, lesser[22:0]};

  // Align the smaller operand with guard and round bits plus a sticky bit:
  // enough for a single correct rounding of the sum or difference.
  // (The smaller significand extended by the two zero bits, {m_small, 2'b00},
  // is shifted right by d_c; the bits shifted out make the sticky bit.)
  wire [7:0]  d       = e_big - e_small;
  wire [4:0]  d_c     = (d > 8'd26) ? 5'd26 : d[4:0];
  wire [25:0] s_shift = {m_small, 2'b00} >> d_c;
  wire        s_stk   = ({m_small, 2'b00} << (5'd26 - d_c)) != 26'd0;
  wire [26:0] b_al    = {s_shift, s_stk};
  wire        sub     = a_i[31] ^ b_i[31];
  wire [27:0] mag     = sub ? ({1'b0, m_big, 3'b000} - {1'b0, b_al})
                            : ({1'b0, m_big, 3'b000} + {1'b0, b_al});

  // mag's least significant bit weighs 2^(e_big - 127 - 23 - 3).
  wire signed [11:0] x = $signed({4'd0, e_big}) - 12'sd153;
  // An exact zero: -0 only when both operands are -0.
  wire        sign = (mag == 28'd0) ? (a_i[31] & b_i[31]) : larger[31];
  wire [31:0] rounded;

  mx_fp32_round #(
    .W  (28),
    .XW (12)
  ) u_round (
    .sign_i (sign),
    .mag_i  (mag),
    .exp_i  (x),
    .fp_o   (rounded)
  );

  always @* begin
    if (a_nan | b_nan | (a_inf & b_inf & sub)) begin
      sum_o = 32'h7fc00000;
    end else if (a_inf) begin
      sum_o = a_i;
    end else if (b_inf) begin
      sum_o = b_i;
    end else begin
      sum_o = rounded;
    end
  end

endmodule
