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
 9587684	  input  wire         clk_i,
 000130	  input  wire         rst_ni,
	
 179580	  input  wire         in_valid_i,
 156890	  output wire         in_ready_o,
 1036810	  input  wire [3:0]   in_op_i,
 339560	  input  wire         in_first_i,  // RMAX / RSUM: start from this element
 356370	  input  wire         in_last_i,   // RMAX / RSUM: emit after this element
 39211626	  input  wire [31:0]  in_a_i,      // E code in [W-1:0]; fp32 for QUANT
 13189926	  input  wire [W-1:0] in_b_i,
	
 320820	  output wire         out_valid_o,
 230420	  input  wire         out_ready_i,
 13827822	  output wire [W-1:0] out_data_o
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
	
 156890	  wire adv = out_ready_i | ~out_valid_o;
	  assign in_ready_o = adv;
	
 31425924	  wire [W-1:0] a = in_a_i[W-1:0];
 13189926	  wire [W-1:0] b = in_b_i;
	
	  // ---------------------------------------------------------------------
	  // Stage 1.
 1769020	  wire          a_sign, a_zero, a_nan;
 586844	  verilator_coverage: (next point on previous line)

 893496	  verilator_coverage: (next point on previous line)

 236026	  wire          b_nan;
	  /* verilator lint_off UNUSEDSIGNAL */
 066570	  wire          a_inf;
 17426606	  wire [T:0]    a_mant;
 16633886	  wire signed [XW-1:0] a_exp;
 12698106	  wire [EB-1:0] a_eb, b_eb;
 5567004	  verilator_coverage: (next point on previous line)

 997440	  wire          b_sign, b_zero, b_inf;
 218772	  verilator_coverage: (next point on previous line)

 061620	  verilator_coverage: (next point on previous line)

 6991808	  wire [T:0]    b_mant;
 10009268	  wire signed [XW-1:0] b_exp;
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
 1061370	  wire                 add_nan, add_inf, add_sign;
 124416	  verilator_coverage: (next point on previous line)

 1918918	  verilator_coverage: (next point on previous line)

 21755376	  wire [T+4:0]         add_mag;
 19034974	  wire signed [XW-1:0] add_exp;
 1067396	  wire                 mul_nan, mul_inf, mul_sign;
 124416	  verilator_coverage: (next point on previous line)

 1810828	  verilator_coverage: (next point on previous line)

 14448354	  wire [2*T+1:0]       mul_mag;
 13787006	  wire signed [XW-1:0] mul_exp;
 1253256	  wire                 div_nan, div_inf, div_sign;
 268118	  verilator_coverage: (next point on previous line)

 1810828	  verilator_coverage: (next point on previous line)

 18342322	  wire [2*T+3:0]       div_mag;
 17469486	  wire signed [XW-1:0] div_exp;
	
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
 11647140	  wire [W-2:0] exp_mag;
 16573768	  wire [W-1:0] log_code;
	  mx_alu_rom #(.AW(W), .DW(W - 1), .FILE(EXP_TABLE)) u_exp_rom (
	    .addr_i (a),
	    .data_o (exp_mag)
	  );
	  mx_alu_rom #(.AW(W), .DW(W), .FILE(LOG_TABLE)) u_log_rom (
	    .addr_i (a),
	    .data_o (log_code)
	  );
	
	  // MAX (torch.max: a NaN in either operand gives NaN), RELU, RMAX
 323616	  reg  [W-1:0] max_q;
 1919540	  wire         b_gt_a, a_gt_max;
 1690748	  verilator_coverage: (next point on previous line)

 016703	  wire         max_nan = (max_q[W-2:T] == {EB{1'b1}}) & (max_q[T-1:0] != {T{1'b0}});
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
 23881980	  wire [W-1:0] max_code  = (a_nan | b_nan) ? NAN_CODE : b_gt_a ? b : a;
	  // RELU's result is never negative: only its magnitude bits are built.
 19792764	  wire [W-2:0] relu_mag  = a_nan ? NAN_CODE[W-2:0] :
	                           (~a_sign & ~a_zero) ? a[W-2:0] : {(W-1){1'b0}};
 28425498	  wire [W-1:0] a_canon   = a_nan ? NAN_CODE : a;
 26435816	  wire [W-1:0] max_d     = in_first_i ? a_canon :
	                           (max_nan | a_nan) ? NAN_CODE : a_gt_max ? a : max_q;
	
	  // RSUM: acc = (first ? +0 : acc) + a in fp32 (a exact in fp32, its low
	  // 23 - T fraction bits zero)
 818947	  reg  [31:0]  acc_q;
 31550366	  wire [8+T:0] a_f32;
 31536217	  wire [31:0]  acc_sum;
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
 40350954	  wire [31:0] f    = (in_op_i == OP_RSUM) ? acc_sum : in_a_i;
 3702492	  wire [7:0]  f_ef = f[30:23];
 084882	  wire        f_top = (f_ef == 8'hff);
 071264	  wire        f_nan = f_top & (f[22:0] != 23'd0);
 015018	  wire        f_inf = f_top & (f[22:0] == 23'd0);
 36513164	  wire [23:0] f_mag = {f_ef != 8'd0, f[22:0]};
 3641316	  wire [7:0]  f_eb  = (f_ef == 8'd0) ? 8'd1 : f_ef;
 4371142	  wire signed [XW-1:0] f_exp = $signed({{(XW-8){1'b0}}, f_eb}) - 150;
	
	  // Each operation's result: a code (direct) or an unrounded value.
 533990	  reg                 direct;
 3482082	  reg [W-1:0]         code;
 876108	  reg                 r_sign;
 30680434	  reg [MW-1:0]        r_mag;
 10711790	  reg signed [XW-1:0] r_exp;
 292830	  reg                 reduction;
	
 000060	  always @* begin
 000030	    direct    = 1'b1;
 000030	    code      = NAN_CODE;
 000030	    r_sign    = 1'b0;
 000030	    r_mag     = {MW{1'b0}};
 000030	    r_exp     = {XW{1'b0}};
 000030	    reduction = 1'b0;
 000030	    case (in_op_i)
 9328592	      OP_QUANT, OP_RSUM: begin
 4664296	        reduction = (in_op_i == OP_RSUM);
 083982	        if (f_inf) begin
 041991	          code = {f[31], INF_MAG};
 13398652	        end else if (!f_nan) begin
 255087	        verilator_coverage: (next point on previous line)

 6699326	          direct = 1'b0;
 6699326	          r_sign = f[31];
 6699326	          r_mag  = {{(MW-24){1'b0}}, f_mag};
 6699326	          r_exp  = f_exp;
	        end
	      end
 2779708	      OP_ADD, OP_SUB: begin
 067616	        if (add_inf & ~add_nan) begin
 033808	          code = {add_sign, INF_MAG};
 2407496	        end else if (!add_nan) begin
 152298	        verilator_coverage: (next point on previous line)

 1203748	          direct = 1'b0;
 1203748	          r_sign = add_sign;
 1203748	          r_mag  = {{(MW-T-5){1'b0}}, add_mag};
 1203748	          r_exp  = add_exp;
	        end
	      end
 1391124	      OP_MUL: begin
 033608	        if (mul_inf & ~mul_nan) begin
 016804	          code = {mul_sign, INF_MAG};
 1204324	        end else if (!mul_nan) begin
 076596	        verilator_coverage: (next point on previous line)

 602162	          direct = 1'b0;
 602162	          r_sign = mul_sign;
 602162	          r_mag  = {{(MW-2*T-2){1'b0}}, mul_mag};
 602162	          r_exp  = mul_exp;
	        end
	      end
 1391064	      OP_DIV: begin
 034364	        if (div_inf & ~div_nan) begin
 017182	          code = {div_sign, INF_MAG};
 1202036	        end else if (!div_nan) begin
 077332	        verilator_coverage: (next point on previous line)

 601018	          direct = 1'b0;
 601018	          r_sign = div_sign;
 601018	          r_mag  = {{(MW-2*T-4){1'b0}}, div_mag};
 601018	          r_exp  = div_exp;
	        end
	      end
 1393144	      OP_MAX:  code = max_code;
 667872	      OP_RELU: code = {1'b0, relu_mag};
 667532	      OP_EXP:  code = {1'b0, exp_mag};
 663552	      OP_LOG:  code = log_code;
 856700	      OP_RMAX: begin
 428350	        code      = max_d;
 428350	        reduction = 1'b1;
	      end
 036500	      default: code = NAN_CODE;  // reserved opcodes
	    endcase
	  end
	
 149540	  reg                 s1_valid, s1_emit, s1_direct, s1_sign;
 311650	  verilator_coverage: (next point on previous line)

 514800	  verilator_coverage: (next point on previous line)

 867456	  verilator_coverage: (next point on previous line)

 3429728	  reg [W-1:0]         s1_code;
 30276432	  reg [MW-1:0]        s1_mag;
 10449202	  reg signed [XW-1:0] s1_exp;
	
 244900	  wire take = adv & in_valid_i;
	
 9587814	  always @(posedge clk_i or negedge rst_ni) begin
 000100	    if (!rst_ni) begin
 000050	      s1_valid  <= 1'b0;
 000050	      s1_emit   <= 1'b0;
 000050	      s1_direct <= 1'b0;
 000050	      s1_sign   <= 1'b0;
 000050	      s1_code   <= {W{1'b0}};
 000050	      s1_mag    <= {MW{1'b0}};
 000050	      s1_exp    <= {XW{1'b0}};
 000050	      max_q     <= {W{1'b0}};
 000050	      acc_q     <= 32'd0;
 9413154	    end else if (adv) begin
 087280	    verilator_coverage: (next point on previous line)

 4706577	      s1_valid  <= in_valid_i;
 4706577	      s1_emit   <= ~reduction | in_last_i;
 4706577	      s1_direct <= direct;
 4706577	      s1_sign   <= r_sign;
 4706577	      s1_code   <= code;
 4706577	      s1_mag    <= r_mag;
 4706577	      s1_exp    <= r_exp;
 402580	      if (take && in_op_i == OP_RMAX) begin
 4505287	      verilator_coverage: (next point on previous line)

 201290	        max_q <= max_d;
	      end
 395470	      if (take && in_op_i == OP_RSUM) begin
 4508842	      verilator_coverage: (next point on previous line)

 197735	        acc_q <= acc_sum;
	      end
	    end
	  end
	
	  // ---------------------------------------------------------------------
	  // Stage 2: one rounding to E.
 12097722	  wire [W-1:0] rounded;
	  mx_alu_round #(.EB(EB), .W(W), .MW(MW), .XW(XW)) u_round (
	    .sign_i (s1_sign),
	    .mag_i  (s1_mag),
	    .exp_i  (s1_exp),
	    .code_o (rounded)
	  );
	
 13827822	  reg [W-1:0] out_q;
 320820	  reg         out_valid_q;
	
 9587814	  always @(posedge clk_i or negedge rst_ni) begin
 000100	    if (!rst_ni) begin
 000050	      out_q       <= {W{1'b0}};
 000050	      out_valid_q <= 1'b0;
 9413154	    end else if (adv) begin
 087280	    verilator_coverage: (next point on previous line)

 4706577	      out_valid_q <= s1_valid & s1_emit;
 8547524	      if (s1_valid & s1_emit) begin
 432815	      verilator_coverage: (next point on previous line)

 4273762	        out_q <= s1_direct ? s1_code : rounded;
	      end
	    end
	  end
	
	  assign out_valid_o = out_valid_q;
	  assign out_data_o  = out_q;
	
	endmodule
	
