// Elementwise ALU (docs/datapath.md, "Elementwise ALU"): the hw profile's
// elementwise operations (include/mxaccel/hw_alu.h) on the format E
// (fpN: EB = 5, bfloatN: EB = 8; W code bits).
//
// Each transaction is one operation: in_op_i with operand a (an E code in
// in_a_i[W-1:0], or fp32 bits for QUANT) and operand b (an E code). Every
// operation emits one E code, except the running reductions RMAX and RSUM,
// which update their register (from the first element when in_first_i) and
// emit only with in_last_i.
//
// Pipeline (LATENCY = 2), all stages advance together when
// out_ready_i | ~out_valid_o:
//   1: decode; exact sum, product or quotient (up to a sticky bit); fp32
//      unpacking (QUANT, and RSUM's accumulator after its fp32 addition);
//      table lookup (EXP, LOG); comparisons (MAX, RELU, RMAX)
//   2: one rounding to E
module mx_alu #(
  parameter integer EB        = 5,  // exponent bits of E: 5 (fpN) or 8 (bfloatN)
  parameter integer W         = 8,  // code bits of E (fp7..fp16, bfloat10..bfloat16)
  parameter         EXP_TABLE = "mx_alu_exp.hex",  // exp of every code ($readmemh)
  parameter         LOG_TABLE = "mx_alu_log.hex"   // log of every code
) (
  input  wire         clk_i,
  input  wire         rst_ni,

  input  wire         in_valid_i,
  output wire         in_ready_o,
  input  wire [3:0]   in_op_i,
  input  wire         in_first_i,  // RMAX / RSUM: start from this element
  input  wire         in_last_i,   // RMAX / RSUM: emit after this element
  input  wire [31:0]  in_a_i,      // E code in [W-1:0]; fp32 for QUANT
  input  wire [W-1:0] in_b_i,

  output wire         out_valid_o,
  input  wire         out_ready_i,
  output wire [W-1:0] out_data_o
);

  localparam [3:0] OP_QUANT = 4'd0;
  localparam [3:0] OP_ADD   = 4'd1;
  localparam [3:0] OP_SUB   = 4'd2;
  localparam [3:0] OP_MUL   = 4'd3;
  localparam [3:0] OP_DIV   = 4'd4;
  localparam [3:0] OP_MAX   = 4'd5;
  localparam [3:0] OP_RELU  = 4'd6;
  localparam [3:0] OP_EXP   = 4'd7;
  localparam [3:0] OP_LOG   = 4'd8;
  localparam [3:0] OP_RMAX  = 4'd9;
  localparam [3:0] OP_RSUM  = 4'd10;

  localparam integer T   = W - 1 - EB;
  localparam integer XW  = 11;
  // Unrounded magnitudes: fp32 significands, products, quotients, sums.
  localparam integer MW  = (2 * T + 4 > 24) ? 2 * T + 4 : 24;
  localparam integer NAN_I = (((1 << EB) - 1) << T) | (1 << (T - 1));
  localparam integer INF_I = ((1 << EB) - 1) << T;
  localparam [W-1:0] NAN_CODE = NAN_I[W-1:0];
  localparam [W-2:0] INF_MAG  = INF_I[W-2:0];

  wire adv = out_ready_i | ~out_valid_o;
  assign in_ready_o = adv;

  wire [W-1:0] a = in_a_i[W-1:0];
  wire [W-1:0] b = in_b_i;

  // ---------------------------------------------------------------------
  // Stage 1.
  wire          a_sign, a_zero, a_nan;
  wire          b_nan;
  /* verilator lint_off UNUSEDSIGNAL */
  wire          a_inf;
  wire [T:0]    a_mant;
  wire signed [XW-1:0] a_exp;
  wire [EB-1:0] a_eb, b_eb;
  wire          b_sign, b_zero, b_inf;
  wire [T:0]    b_mant;
  wire signed [XW-1:0] b_exp;
  /* verilator lint_on UNUSEDSIGNAL */

  mx_alu_dec #(.EB(EB), .W(W), .XW(XW)) u_dec_a (
    .code_i  (a),
    .sign_o  (a_sign),
    .mant_o  (a_mant),
    .ebias_o (a_eb),
    .exp_o   (a_exp),
    .zero_o  (a_zero),
    .inf_o   (a_inf),
    .nan_o   (a_nan)
  );
  mx_alu_dec #(.EB(EB), .W(W), .XW(XW)) u_dec_b (
    .code_i  (b),
    .sign_o  (b_sign),
    .mant_o  (b_mant),
    .ebias_o (b_eb),
    .exp_o   (b_exp),
    .zero_o  (b_zero),
    .inf_o   (b_inf),
    .nan_o   (b_nan)
  );

  // ADD / SUB, MUL, DIV
  wire                 add_nan, add_inf, add_sign;
  wire [T+4:0]         add_mag;
  wire signed [XW-1:0] add_exp;
  wire                 mul_nan, mul_inf, mul_sign;
  wire [2*T+1:0]       mul_mag;
  wire signed [XW-1:0] mul_exp;
  wire                 div_nan, div_inf, div_sign;
  wire [2*T+3:0]       div_mag;
  wire signed [XW-1:0] div_exp;

  mx_alu_add #(.EB(EB), .W(W), .XW(XW)) u_add (
    .a_i    (a),
    .b_i    (b),
    .sub_i  (in_op_i == OP_SUB),
    .nan_o  (add_nan),
    .inf_o  (add_inf),
    .sign_o (add_sign),
    .mag_o  (add_mag),
    .exp_o  (add_exp)
  );
  mx_alu_mul #(.EB(EB), .W(W), .XW(XW)) u_mul (
    .a_i    (a),
    .b_i    (b),
    .nan_o  (mul_nan),
    .inf_o  (mul_inf),
    .sign_o (mul_sign),
    .mag_o  (mul_mag),
    .exp_o  (mul_exp)
  );
  mx_alu_div #(.EB(EB), .W(W), .XW(XW)) u_div (
    .a_i    (a),
    .b_i    (b),
    .nan_o  (div_nan),
    .inf_o  (div_inf),
    .sign_o (div_sign),
    .mag_o  (div_mag),
    .exp_o  (div_exp)
  );

  // EXP, LOG: the tables. exp is never negative (its NaN is the positive
  // canonical one): its table holds magnitudes only.
  wire [W-2:0] exp_mag;
  wire [W-1:0] log_code;
  mx_alu_rom #(.AW(W), .DW(W - 1), .FILE(EXP_TABLE)) u_exp_rom (
    .addr_i (a),
    .data_o (exp_mag)
  );
  mx_alu_rom #(.AW(W), .DW(W), .FILE(LOG_TABLE)) u_log_rom (
    .addr_i (a),
    .data_o (log_code)
  );

  // MAX (torch.max: a NaN in either operand gives NaN), RELU, RMAX
  reg  [W-1:0] max_q;
  wire         b_gt_a, a_gt_max;
  wire         max_nan = (max_q[W-2:T] == {EB{1'b1}}) & (max_q[T-1:0] != {T{1'b0}});
  mx_alu_cmp #(.W(W)) u_cmp_max (
    .a_i  (a),
    .b_i  (b),
    .gt_o (b_gt_a)
  );
  mx_alu_cmp #(.W(W)) u_cmp_rmax (
    .a_i  (max_q),
    .b_i  (a),
    .gt_o (a_gt_max)
  );
  wire [W-1:0] max_code  = (a_nan | b_nan) ? NAN_CODE : b_gt_a ? b : a;
  // RELU's result is never negative: only its magnitude bits are built.
  wire [W-2:0] relu_mag  = a_nan ? NAN_CODE[W-2:0] :
                           (~a_sign & ~a_zero) ? a[W-2:0] : {(W-1){1'b0}};
  wire [W-1:0] a_canon   = a_nan ? NAN_CODE : a;
  wire [W-1:0] max_d     = in_first_i ? a_canon :
                           (max_nan | a_nan) ? NAN_CODE : a_gt_max ? a : max_q;

  // RSUM: acc = (first ? +0 : acc) + a in fp32 (a exact in fp32, its low
  // 23 - T fraction bits zero)
  reg  [31:0]  acc_q;
  wire [8+T:0] a_f32;
  wire [31:0]  acc_sum;
  mx_alu_to_f32 #(.EB(EB), .W(W)) u_a_f32 (
    .code_i (a),
    .f32_o  (a_f32)
  );
  mx_fp32_add u_acc (
    .a_i   (in_first_i ? 32'd0 : acc_q),
    .b_i   ({a_f32, {(23 - T){1'b0}}}),
    .sum_o (acc_sum)
  );

  // QUANT (fp32 operand a) and RSUM's sum: unpacked fp32
  wire [31:0] f    = (in_op_i == OP_RSUM) ? acc_sum : in_a_i;
  wire [7:0]  f_ef = f[30:23];
  wire        f_top = (f_ef == 8'hff);
  wire        f_nan = f_top & (f[22:0] != 23'd0);
  wire        f_inf = f_top & (f[22:0] == 23'd0);
  wire [23:0] f_mag = {f_ef != 8'd0, f[22:0]};
  wire [7:0]  f_eb  = (f_ef == 8'd0) ? 8'd1 : f_ef;
  wire signed [XW-1:0] f_exp = $signed({{(XW-8){1'b0}}, f_eb}) - 150;

  // Each operation's result: a code (direct) or an unrounded value.
  reg                 direct;
  reg [W-1:0]         code;
  reg                 r_sign;
  reg [MW-1:0]        r_mag;
  reg signed [XW-1:0] r_exp;
  reg                 reduction;

  always @* begin
    direct    = 1'b1;
    code      = NAN_CODE;
    r_sign    = 1'b0;
    r_mag     = {MW{1'b0}};
    r_exp     = {XW{1'b0}};
    reduction = 1'b0;
    case (in_op_i)
      OP_QUANT, OP_RSUM: begin
        reduction = (in_op_i == OP_RSUM);
        if (f_inf) begin
          code = {f[31], INF_MAG};
        end else if (!f_nan) begin
          direct = 1'b0;
          r_sign = f[31];
          r_mag  = {{(MW-24){1'b0}}, f_mag};
          r_exp  = f_exp;
        end
      end
      OP_ADD, OP_SUB: begin
        if (add_inf & ~add_nan) begin
          code = {add_sign, INF_MAG};
        end else if (!add_nan) begin
          direct = 1'b0;
          r_sign = add_sign;
          r_mag  = {{(MW-T-5){1'b0}}, add_mag};
          r_exp  = add_exp;
        end
      end
      OP_MUL: begin
        if (mul_inf & ~mul_nan) begin
          code = {mul_sign, INF_MAG};
        end else if (!mul_nan) begin
          direct = 1'b0;
          r_sign = mul_sign;
          r_mag  = {{(MW-2*T-2){1'b0}}, mul_mag};
          r_exp  = mul_exp;
        end
      end
      OP_DIV: begin
        if (div_inf & ~div_nan) begin
          code = {div_sign, INF_MAG};
        end else if (!div_nan) begin
          direct = 1'b0;
          r_sign = div_sign;
          r_mag  = {{(MW-2*T-4){1'b0}}, div_mag};
          r_exp  = div_exp;
        end
      end
      OP_MAX:  code = max_code;
      OP_RELU: code = {1'b0, relu_mag};
      OP_EXP:  code = {1'b0, exp_mag};
      OP_LOG:  code = log_code;
      OP_RMAX: begin
        code      = max_d;
        reduction = 1'b1;
      end
      default: code = NAN_CODE;  // reserved opcodes
    endcase
  end

  reg                 s1_valid, s1_emit, s1_direct, s1_sign;
  reg [W-1:0]         s1_code;
  reg [MW-1:0]        s1_mag;
  reg signed [XW-1:0] s1_exp;

  wire take = adv & in_valid_i;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      s1_valid  <= 1'b0;
      s1_emit   <= 1'b0;
      s1_direct <= 1'b0;
      s1_sign   <= 1'b0;
      s1_code   <= {W{1'b0}};
      s1_mag    <= {MW{1'b0}};
      s1_exp    <= {XW{1'b0}};
      max_q     <= {W{1'b0}};
      acc_q     <= 32'd0;
    end else if (adv) begin
      s1_valid  <= in_valid_i;
      s1_emit   <= ~reduction | in_last_i;
      s1_direct <= direct;
      s1_sign   <= r_sign;
      s1_code   <= code;
      s1_mag    <= r_mag;
      s1_exp    <= r_exp;
      if (take && in_op_i == OP_RMAX) begin
        max_q <= max_d;
      end
      if (take && in_op_i == OP_RSUM) begin
        acc_q <= acc_sum;
      end
    end
  end

  // ---------------------------------------------------------------------
  // Stage 2: one rounding to E.
  wire [W-1:0] rounded;
  mx_alu_round #(.EB(EB), .W(W), .MW(MW), .XW(XW)) u_round (
    .sign_i (s1_sign),
    .mag_i  (s1_mag),
    .exp_i  (s1_exp),
    .code_o (rounded)
  );

  reg [W-1:0] out_q;
  reg         out_valid_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      out_q       <= {W{1'b0}};
      out_valid_q <= 1'b0;
    end else if (adv) begin
      out_valid_q <= s1_valid & s1_emit;
      if (s1_valid & s1_emit) begin
        out_q <= s1_direct ? s1_code : rounded;
      end
    end
  end

  assign out_valid_o = out_valid_q;
  assign out_data_o  = out_q;

endmodule
