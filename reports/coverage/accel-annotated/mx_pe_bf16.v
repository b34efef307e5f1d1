	// verilator_coverage annotation
	// bfloat16 dot-product processing element (docs/datapath.md, "PE variant:
	// bfloat16 elements"; the rule: docs/hw-arithmetic.md, "Dot products").
	//
	// Each transaction is one pair of blocks of N bfloat16 codes. An exact sum
	// of bfloat16 products would span their whole exponent range (over 500
	// bits), so the products are aligned to the largest one instead: with X the
	// largest exponent sum of a non-zero product, each product keeps G bits
	// below its 16-bit significand product's least significant bit at X,
	// truncated toward zero; the truncated terms are summed exactly and the sum
	// is rounded once to fp32 (r), then added to an fp32 accumulator (from +0
	// when in_first_i). A transaction with in_last_i emits the accumulator.
	//
	// Pipeline (LATENCY = 4), all stages advance together when
	// out_ready_i | ~out_valid_o:
	//   0: the operand buses (2 x N x 16 bits, from the buffers' read ports)
	//      are registered on entry
	//   1: decode, 8x8 significand products, exponent sums, their maximum X
	//      (comparator tree), NaN/Inf classes
	//   2: align (shift right by X - x_i), signed exact sum, round to fp32
	//   3: fp32 accumulate; out_valid_o for last transactions
	module mx_pe_bf16 #(
	  parameter integer N = 32,  // elements per block, a power of two
	  parameter integer G = 32   // guard bits, at least 1 (the hw profile: 32)
	) (
 4624920	  input  wire            clk_i,
 000045	  input  wire            rst_ni,
	
 2118440	  input  wire            in_valid_i,
 000015	  output wire            in_ready_o,
 245535	  input  wire            in_first_i,
 245520	  input  wire            in_last_i,
 195299130	  input  wire [N*16-1:0] a_codes_i,  // element i at [i*16 +: 16]
 438543456	  input  wire [N*16-1:0] w_codes_i,
	
 234536	  output wire            out_valid_o,
 000015	  input  wire            out_ready_i,
 11030714	  output wire [31:0]     out_data_o
	);
	
	  localparam integer LOGN = $clog2(N);
	  // An aligned term: the 16-bit product followed by G guard bits.
	  localparam integer TW   = 16 + G;
	  // Exact signed sum of N terms.
	  localparam integer SW   = TW + LOGN + 1;
	  localparam integer XW   = 12;
	  // The sum's least significant bit weighs 2^(X - 254 - 14 - G) (X biased
	  // by 2 * 127); XOFF is -(254 + 14 + G) modulo 2^XW.
	  localparam integer XOFF = 268 + G;
	  localparam [XW-1:0] XOFF_W = XOFF[XW-1:0];
	
 000015	  wire adv = out_ready_i | ~out_valid_o;
	  assign in_ready_o = adv;
	
	  // ---------------------------------------------------------------------
	  // Stage 0: registered operands. (Verilator also evaluates combinational
	  // logic fed by top-level inputs at both clock edges; from registers it
	  // runs once per cycle.)
 2118440	  reg            s0_valid, s0_first, s0_last;
 245535	  verilator_coverage: (next point on previous line)

 245520	  verilator_coverage: (next point on previous line)

 194360600	  reg [N*16-1:0] s0_a, s0_w;
 438543456	  verilator_coverage: (next point on previous line)

	
 4624950	  always @(posedge clk_i or negedge rst_ni) begin
 000030	    if (!rst_ni) begin
 000015	      s0_valid <= 1'b0;
 000015	      s0_first <= 1'b0;
 000015	      s0_last  <= 1'b0;
 000015	      s0_a     <= {(N*16){1'b0}};
 000015	      s0_w     <= {(N*16){1'b0}};
 4624920	    end else if (adv) begin
%000000	    verilator_coverage: (next point on previous line)

 2312460	      s0_valid <= in_valid_i;
 2312460	      s0_first <= in_first_i;
 2312460	      s0_last  <= in_last_i;
 2312460	      s0_a     <= a_codes_i;
 2312460	      s0_w     <= w_codes_i;
	    end
	  end
	
	  // ---------------------------------------------------------------------
	  // Stage 1: decode, multiply, exponent sums and their maximum.
%000000	  wire [N-1:0]    a_sign, a_zero, a_inf, a_nan;
 21977300	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 28047762	  wire [N-1:0]    w_sign, w_zero, w_inf, w_nan;
 47466666	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 169092360	  wire [N*16-1:0] prods;
 261844642	  wire [N*9-1:0]  xs;       // exponent sums (biased, >= 2)
 127937112	  wire [N*9-1:0]  xs_live;  // the same, 0 where the product is zero
	
	  genvar g;
	  generate
	    for (g = 0; g < N; g = g + 1) begin : g_lane
	      wire [15:0] a = s0_a[g*16 +: 16];
	      wire [15:0] w = s0_w[g*16 +: 16];
	      // Subnormals: exponent field 0 reads as 1, no hidden bit.
	      wire        a_norm = (a[14:7] != 8'd0);
	      wire        w_norm = (w[14:7] != 8'd0);
	      wire [7:0]  a_mant = {a_norm, a[6:0]};
	      wire [7:0]  w_mant = {w_norm, w[6:0]};
	      wire [8:0]  a_exp  = {1'b0, a_norm ? a[14:7] : 8'd1};
	      wire [8:0]  w_exp  = {1'b0, w_norm ? w[14:7] : 8'd1};
	      wire [15:0] prod   = a_mant * w_mant;
	      wire [8:0]  x      = a_exp + w_exp;
	
	      assign a_sign[g] = a[15];
	      assign w_sign[g] = w[15];
	      assign a_zero[g] = (a[14:0] == 15'd0);
	      assign w_zero[g] = (w[14:0] == 15'd0);
	      assign a_inf[g]  = (a[14:0] == 15'h7f80);
	      assign w_inf[g]  = (w[14:0] == 15'h7f80);
	      assign a_nan[g]  = (a[14:7] == 8'hff) & (a[6:0] != 7'd0);
	      assign w_nan[g]  = (w[14:7] == 8'hff) & (w[6:0] != 7'd0);
	      assign prods[g*16 +: 16] = prod;
	      assign xs[g*9 +: 9]      = x;
	      assign xs_live[g*9 +: 9] = (prod != 16'd0) ? x : 9'd0;
	    end
	  endgenerate
	
	  // X: the largest exponent sum of a non-zero product (0 if there is none).
 10416014	  wire [8:0] x_max;
	
	  mx_max_tree #(
	    .L (LOGN),
	    .W (9)
	  ) u_max (
	    .mag_i (xs_live),
	    .max_o (x_max)
	  );
	
	  // NaN/Inf: a NaN code, Inf * 0, or Inf products of both signs.
%000000	  wire [N-1:0] p_inf  = a_inf | w_inf;
 28047762	  wire [N-1:0] p_sign = a_sign ^ w_sign;
%000000	  wire         pinf   = |(p_inf & ~p_sign);
%000000	  wire         ninf   = |(p_inf & p_sign);
%000000	  wire         nan    = (|a_nan) | (|w_nan) | (|(a_inf & w_zero)) | (|(a_zero & w_inf)) |
	                        (pinf & ninf);
	
 2118440	  reg              s1_valid, s1_first, s1_last;
 245535	  verilator_coverage: (next point on previous line)

 245520	  verilator_coverage: (next point on previous line)

%000000	  reg              s1_nan, s1_pinf, s1_ninf;
%000000	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 169092360	  reg [N*16-1:0]   s1_prods;
 261844642	  reg [N*9-1:0]    s1_xs;
 28047762	  reg [N-1:0]      s1_neg;
 10416014	  reg [8:0]        s1_x_max;
	
 4624950	  always @(posedge clk_i or negedge rst_ni) begin
 000030	    if (!rst_ni) begin
 000015	      s1_valid <= 1'b0;
 000015	      s1_first <= 1'b0;
 000015	      s1_last  <= 1'b0;
 000015	      s1_nan   <= 1'b0;
 000015	      s1_pinf  <= 1'b0;
 000015	      s1_ninf  <= 1'b0;
 000015	      s1_prods <= {(N*16){1'b0}};
 000015	      s1_xs    <= {(N*9){1'b0}};
 000015	      s1_neg   <= {N{1'b0}};
 000015	      s1_x_max <= 9'd0;
 4624920	    end else if (adv) begin
%000000	    verilator_coverage: (next point on previous line)

 2312460	      s1_valid <= s0_valid;
 2312460	      s1_first <= s0_first;
 2312460	      s1_last  <= s0_last;
 2312460	      s1_nan   <= nan;
 2312460	      s1_pinf  <= pinf;
 2312460	      s1_ninf  <= ninf;
 2312460	      s1_prods <= prods;
 2312460	      s1_xs    <= xs;
 2312460	      s1_neg   <= p_sign;
 2312460	      s1_x_max <= x_max;
	    end
	  end
	
	  // ---------------------------------------------------------------------
	  // Stage 2: align, sum, round. A zero product stays zero whatever its
	  // shift; a non-zero one has x <= X. Shifting by TW or more leaves 0.
 293198440	  wire [N*SW-1:0] terms;
	
	  generate
	    for (g = 0; g < N; g = g + 1) begin : g_align
	      wire [8:0]    d   = s1_x_max - s1_xs[g*9 +: 9];
	      wire [TW-1:0] ext = {s1_prods[g*16 +: 16], {G{1'b0}}};
	      wire [TW-1:0] mag = ext >> d;
	      wire [SW-1:0] t   = {{(SW-TW){1'b0}}, mag};
	      assign terms[g*SW +: SW] = s1_neg[g] ? -t : t;
	    end
	  endgenerate
	
 26007602	  reg [SW-1:0] dot;
	  integer k;
 000030	  always @* begin
 000015	    dot = {SW{1'b0}};
 000015	    for (k = 0; k < N; k = k + 1) begin
 000960	    verilator_coverage: (next point on previous line)

 000480	      dot = dot + terms[k*SW +: SW];
	    end
	  end
	
	  // r = dot * 2^(X - 268 - G) rounded once to fp32; an exact zero is +0.
	  // |dot| <= N * 255^2 * 2^G < 2^(SW-1): the magnitude needs no sign bit.
 1226260	  wire          dot_neg = dot[SW-1];
 19371586	  wire [SW-2:0] dot_mag = dot_neg ? -dot[SW-2:0] : dot[SW-2:0];
 7130629	  wire [XW-1:0] x_lsb   = {{(XW-9){1'b0}}, s1_x_max} - XOFF_W;
 27713100	  wire [31:0]   r_round;
	
	  mx_fp32_round #(
	    .W  (SW - 1),
	    .XW (XW)
	  ) u_round (
	    .sign_i (dot_neg),
	    .mag_i  (dot_mag),
	    .exp_i  (x_lsb),
	    .fp_o   (r_round)
	  );
	
 27713100	  wire [31:0] r = s1_nan  ? 32'h7fc00000 :
	                  s1_pinf ? 32'h7f800000 :
	                  s1_ninf ? 32'hff800000 : r_round;
	
	  // Register r, then accumulate (the stages both PEs share).
	  mx_pe_acc u_acc (
	    .clk_i       (clk_i),
	    .rst_ni      (rst_ni),
	    .adv_i       (adv),
	    .valid_i     (s1_valid),
	    .first_i     (s1_first),
	    .last_i      (s1_last),
	    .r_i         (r),
	    .out_valid_o (out_valid_o),
	    .out_data_o  (out_data_o)
	  );
	
	endmodule
	
