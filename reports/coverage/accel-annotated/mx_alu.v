	// verilator_coverage annotation
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
 4377534	  input  wire         clk_i,
 000081	  input  wire         rst_ni,
	
 361640	  input  wire         in_valid_i,
 000027	  output wire         in_ready_o,
 000714	  input  wire [3:0]   in_op_i,
 241054	  input  wire         in_first_i,  // RMAX / RSUM: start from this element
 239348	  input  wire         in_last_i,   // RMAX / RSUM: emit after this element
 3733808	  input  wire [31:0]  in_a_i,      // E code in [W-1:0]; fp32 for QUANT
 003989	  input  wire [W-1:0] in_b_i,
	
 349352	  output wire         out_valid_o,
 000027	  input  wire         out_ready_i,
 1066634	  output wire [W-1:0] out_data_o
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
	
 000027	  wire adv = out_ready_i | ~out_valid_o;
	  assign in_ready_o = adv;
	
 2132448	  wire [W-1:0] a = in_a_i[W-1:0];
 003989	  wire [W-1:0] b = in_b_i;
	
	  // ---------------------------------------------------------------------
	  // Stage 1.
 129304	  wire          a_sign, a_zero, a_nan;
 071790	  verilator_coverage: (next point on previous line)

 006076	  verilator_coverage: (next point on previous line)

%000000	  wire          b_nan;
	  /* verilator lint_off UNUSEDSIGNAL */
 000680	  wire          a_inf;
 1349915	  wire [T:0]    a_mant;
 1141031	  wire signed [XW-1:0] a_exp;
 754596	  wire [EB-1:0] a_eb, b_eb;
 001426	  verilator_coverage: (next point on previous line)

 000395	  wire          b_sign, b_zero, b_inf;
 000070	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 002223	  wire [T:0]    b_mant;
 001817	  wire signed [XW-1:0] b_exp;
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
 006076	  wire                 add_nan, add_inf, add_sign;
 000680	  verilator_coverage: (next point on previous line)

 123666	  verilator_coverage: (next point on previous line)

 1558022	  wire [T+4:0]         add_mag;
 1043380	  wire signed [XW-1:0] add_exp;
 006734	  wire                 mul_nan, mul_inf, mul_sign;
 000680	  verilator_coverage: (next point on previous line)

 129337	  verilator_coverage: (next point on previous line)

 1143921	  wire [2*T+1:0]       mul_mag;
 848872	  wire signed [XW-1:0] mul_exp;
 076663	  wire                 div_nan, div_inf, div_sign;
 000088	  verilator_coverage: (next point on previous line)

 129337	  verilator_coverage: (next point on previous line)

 1881373	  wire [2*T+3:0]       div_mag;
 1529726	  wire signed [XW-1:0] div_exp;
	
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
 1659732	  wire [W-2:0] exp_mag;
 1526713	  wire [W-1:0] log_code;
	  mx_alu_rom #(.AW(W), .DW(W - 1), .FILE(EXP_TABLE)) u_exp_rom (
	    .addr_i (a),
	    .data_o (exp_mag)
	  );
	  mx_alu_rom #(.AW(W), .DW(W), .FILE(LOG_TABLE)) u_log_rom (
	    .addr_i (a),
	    .data_o (log_code)
	  );
	
	  // MAX (torch.max: a NaN in either operand gives NaN), RELU, RMAX
 069791	  reg  [W-1:0] max_q;
 123917	  wire         b_gt_a, a_gt_max;
 145792	  verilator_coverage: (next point on previous line)

%000000	  wire         max_nan = (max_q[W-2:T] == {EB{1'b1}}) & (max_q[T-1:0] != {T{1'b0}});
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
 1152142	  wire [W-1:0] max_code  = (a_nan | b_nan) ? NAN_CODE : b_gt_a ? b : a;
	  // RELU's result is never negative: only its magnitude bits are built.
 1160036	  wire [W-2:0] relu_mag  = a_nan ? NAN_CODE[W-2:0] :
	                           (~a_sign & ~a_zero) ? a[W-2:0] : {(W-1){1'b0}};
 2124986	  wire [W-1:0] a_canon   = a_nan ? NAN_CODE : a;
 1781632	  wire [W-1:0] max_d     = in_first_i ? a_canon :
	                           (max_nan | a_nan) ? NAN_CODE : a_gt_max ? a : max_q;
	
	  // RSUM: acc = (first ? +0 : acc) + a in fp32 (a exact in fp32, its low
	  // 23 - T fraction bits zero)
 000092	  reg  [31:0]  acc_q;
 2503649	  wire [8+T:0] a_f32;
 2571083	  wire [31:0]  acc_sum;
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
 3733832	  wire [31:0] f    = (in_op_i == OP_RSUM) ? acc_sum : in_a_i;
 354500	  wire [7:0]  f_ef = f[30:23];
%000000	  wire        f_top = (f_ef == 8'hff);
%000000	  wire        f_nan = f_top & (f[22:0] != 23'd0);
%000000	  wire        f_inf = f_top & (f[22:0] == 23'd0);
 3314128	  wire [23:0] f_mag = {f_ef != 8'd0, f[22:0]};
 354184	  wire [7:0]  f_eb  = (f_ef == 8'd0) ? 8'd1 : f_ef;
 352195	  wire signed [XW-1:0] f_exp = $signed({{(XW-8){1'b0}}, f_eb}) - 150;
	
	  // Each operation's result: a code (direct) or an unrounded value.
 000148	  reg                 direct;
 483056	  reg [W-1:0]         code;
 067801	  reg                 r_sign;
 2298712	  reg [MW-1:0]        r_mag;
 354055	  reg signed [XW-1:0] r_exp;
 000246	  reg                 reduction;
	
 000054	  always @* begin
 000027	    direct    = 1'b1;
 000027	    code      = NAN_CODE;
 000027	    r_sign    = 1'b0;
 000027	    r_mag     = {MW{1'b0}};
 000027	    r_exp     = {XW{1'b0}};
 000027	    reduction = 1'b0;
 000027	    case (in_op_i)
 5917874	      OP_QUANT, OP_RSUM: begin
 2958937	        reduction = (in_op_i == OP_RSUM);
%000000	        if (f_inf) begin
%000000	          code = {f[31], INF_MAG};
 5917874	        end else if (!f_nan) begin
%000000	        verilator_coverage: (next point on previous line)

 2958937	          direct = 1'b0;
 2958937	          r_sign = f[31];
 2958937	          r_mag  = {{(MW-24){1'b0}}, f_mag};
 2958937	          r_exp  = f_exp;
	        end
	      end
 3434886	      OP_ADD, OP_SUB: begin
%000000	        if (add_inf & ~add_nan) begin
%000000	          code = {add_sign, INF_MAG};
 3434886	        end else if (!add_nan) begin
%000000	        verilator_coverage: (next point on previous line)

 1717443	          direct = 1'b0;
 1717443	          r_sign = add_sign;
 1717443	          r_mag  = {{(MW-T-5){1'b0}}, add_mag};
 1717443	          r_exp  = add_exp;
	        end
	      end
%000000	      OP_MUL: begin
%000000	        if (mul_inf & ~mul_nan) begin
%000000	          code = {mul_sign, INF_MAG};
%000000	        end else if (!mul_nan) begin
%000000	        verilator_coverage: (next point on previous line)

%000000	          direct = 1'b0;
%000000	          r_sign = mul_sign;
%000000	          r_mag  = {{(MW-2*T-2){1'b0}}, mul_mag};
%000000	          r_exp  = mul_exp;
	        end
	      end
 000286	      OP_DIV: begin
%000000	        if (div_inf & ~div_nan) begin
%000000	          code = {div_sign, INF_MAG};
 000088	        end else if (!div_nan) begin
 000099	        verilator_coverage: (next point on previous line)

 000044	          direct = 1'b0;
 000044	          r_sign = div_sign;
 000044	          r_mag  = {{(MW-2*T-4){1'b0}}, div_mag};
 000044	          r_exp  = div_exp;
	        end
	      end
%000000	      OP_MAX:  code = max_code;
 5882086	      OP_RELU: code = {1'b0, relu_mag};
 000286	      OP_EXP:  code = {1'b0, exp_mag};
 000286	      OP_LOG:  code = log_code;
 2522286	      OP_RMAX: begin
 1261143	        code      = max_d;
 1261143	        reduction = 1'b1;
	      end
%000000	      default: code = NAN_CODE;  // reserved opcodes
	    endcase
	  end
	
 361640	  reg                 s1_valid, s1_emit, s1_direct, s1_sign;
 119778	  verilator_coverage: (next point on previous line)

 000113	  verilator_coverage: (next point on previous line)

 067774	  verilator_coverage: (next point on previous line)

 482274	  reg [W-1:0]         s1_code;
 2298478	  reg [MW-1:0]        s1_mag;
 353744	  reg signed [XW-1:0] s1_exp;
	
 361640	  wire take = adv & in_valid_i;
	
 4377588	  always @(posedge clk_i or negedge rst_ni) begin
 000054	    if (!rst_ni) begin
 000027	      s1_valid  <= 1'b0;
 000027	      s1_emit   <= 1'b0;
 000027	      s1_direct <= 1'b0;
 000027	      s1_sign   <= 1'b0;
 000027	      s1_code   <= {W{1'b0}};
 000027	      s1_mag    <= {MW{1'b0}};
 000027	      s1_exp    <= {XW{1'b0}};
 000027	      max_q     <= {W{1'b0}};
 000027	      acc_q     <= 32'd0;
 4377534	    end else if (adv) begin
%000000	    verilator_coverage: (next point on previous line)

 2188767	      s1_valid  <= in_valid_i;
 2188767	      s1_emit   <= ~reduction | in_last_i;
 2188767	      s1_direct <= direct;
 2188767	      s1_sign   <= r_sign;
 2188767	      s1_code   <= code;
 2188767	      s1_mag    <= r_mag;
 2188767	      s1_exp    <= r_exp;
 294992	      if (take && in_op_i == OP_RMAX) begin
 2041271	      verilator_coverage: (next point on previous line)

 147496	        max_q <= max_d;
	      end
 000080	      if (take && in_op_i == OP_RSUM) begin
 2188727	      verilator_coverage: (next point on previous line)

 000040	        acc_q <= acc_sum;
	      end
	    end
	  end
	
	  // ---------------------------------------------------------------------
	  // Stage 2: one rounding to E.
 1160494	  wire [W-1:0] rounded;
	  mx_alu_round #(.EB(EB), .W(W), .MW(MW), .XW(XW)) u_round (
	    .sign_i (s1_sign),
	    .mag_i  (s1_mag),
	    .exp_i  (s1_exp),
	    .code_o (rounded)
	  );
	
 1066634	  reg [W-1:0] out_q;
 349352	  reg         out_valid_q;
	
 4377588	  always @(posedge clk_i or negedge rst_ni) begin
 000054	    if (!rst_ni) begin
 000027	      out_q       <= {W{1'b0}};
 000027	      out_valid_q <= 1'b0;
 4377534	    end else if (adv) begin
%000000	    verilator_coverage: (next point on previous line)

 2188767	      out_valid_q <= s1_valid & s1_emit;
 1013232	      if (s1_valid & s1_emit) begin
 1682151	      verilator_coverage: (next point on previous line)

 506616	        out_q <= s1_direct ? s1_code : rounded;
	      end
	    end
	  end
	
	  assign out_valid_o = out_valid_q;
	  assign out_data_o  = out_q;
	
	endmodule
	
