	// verilator_coverage annotation
	// MX dot-product processing element (docs/datapath.md, "PE").
	//
	// Each transaction is one pair of MX blocks: N activation codes with their
	// E8M0 scale and N weight codes with theirs. The PE sums the N products of
	// the element values exactly, scales the sum by both scales and rounds it
	// once to fp32 (r), then adds r to an fp32 accumulator (from +0 when
	// in_first_i). A transaction with in_last_i emits the accumulator.
	//
	// Pipeline (LATENCY = 3), all stages advance together when
	// out_ready_i | ~out_valid_o:
	//   1: decode, products, exact fixed-point sum, NaN/Inf classes
	//   2: scale and round the sum to fp32
	//   3: fp32 accumulate; out_valid_o for last transactions
	module mx_pe #(
	  parameter integer A_FMT = 4,   // activation element format (mx_format_id)
	  parameter integer W_FMT = 4,   // weight element format (mx_format_id)
	  parameter integer N     = 32,  // elements per block
	  // Derived from the formats; not meant to be overridden.
	  parameter integer A_CW  = mx_code_bits(A_FMT),
	  parameter integer W_CW  = mx_code_bits(W_FMT)
	) (
 5412096	  input  wire              clk_i,
 000048	  input  wire              rst_ni,
	
 2253448	  input  wire              in_valid_i,
 000016	  output wire              in_ready_o,
 236224	  input  wire              in_first_i,
 236208	  input  wire              in_last_i,
 716112	  input  wire [7:0]        a_scale_i,
 25871728	  input  wire [N*A_CW-1:0] a_codes_i,  // element i at [i*A_CW +: A_CW]
 983448	  input  wire [7:0]        w_scale_i,
 83438196	  input  wire [N*W_CW-1:0] w_codes_i,
	
 234536	  output wire              out_valid_o,
 000016	  input  wire              out_ready_i,
 7377875	  output wire [31:0]       out_data_o
	);
	
	  `include "mx_formats.vh"
	
	  localparam integer AMW  = mx_mant_w(A_FMT);
	  localparam integer WMW  = mx_mant_w(W_FMT);
	  localparam integer AXW  = mx_exp_w(A_FMT);
	  localparam integer WXW  = mx_exp_w(W_FMT);
	  localparam integer SHW  = ((AXW > WXW) ? AXW : WXW) + 1;
	  // Products are integers (in units of both quanta) below 2^PW.
	  localparam integer PW   = mx_mag_w(A_FMT) + mx_mag_w(W_FMT);
	  localparam integer LOGN = $clog2(N);
	  // Exact signed sum of N products.
	  localparam integer SW   = PW + LOGN + 1;
	  localparam integer QSUM = mx_qexp(A_FMT) + mx_qexp(W_FMT);
	  localparam integer XW   = 11;
	  // Formats with Inf codes (fp8_e5m2) and with NaN codes (fp8_e5m2, fp8_e4m3):
	  // only these have the per-element NaN/Inf logic.
	  localparam integer INF   = (mx_has_inf(A_FMT) + mx_has_inf(W_FMT) > 0) ? 1 : 0;
	  localparam integer NAN   = (mx_has_nan(A_FMT) + mx_has_nan(W_FMT) > 0) ? 1 : 0;
	
 000016	  wire adv = out_ready_i | ~out_valid_o;
	  assign in_ready_o = adv;
	
	  // ---------------------------------------------------------------------
	  // Stage 1: decode, multiply, align, sum.
%000000	  wire [N-1:0]    a_sign, w_sign;
 14035172	  verilator_coverage: (next point on previous line)

 105893165	  wire [N*SW-1:0] terms;
	
	  genvar g;
	  generate
	    for (g = 0; g < N; g = g + 1) begin : g_lane
	      wire [AMW-1:0] a_mant;
	      wire [AXW-1:0] a_exp;
	      wire [WMW-1:0] w_mant;
	      wire [WXW-1:0] w_exp;
	      // Classes: used by the NaN/Inf logic below where a format has such codes.
	      /* verilator lint_off UNUSEDSIGNAL */
	      wire           a_zero, a_inf, a_nan, w_zero, w_inf, w_nan;
	      /* verilator lint_on UNUSEDSIGNAL */
	
	      mx_elem_dec #(.FMT(A_FMT)) u_dec_a (
	        .code_i (a_codes_i[g*A_CW +: A_CW]),
	        .sign_o (a_sign[g]),
	        .mant_o (a_mant),
	        .exp_o  (a_exp),
	        .zero_o (a_zero),
	        .inf_o  (a_inf),
	        .nan_o  (a_nan)
	      );
	      mx_elem_dec #(.FMT(W_FMT)) u_dec_w (
	        .code_i (w_codes_i[g*W_CW +: W_CW]),
	        .sign_o (w_sign[g]),
	        .mant_o (w_mant),
	        .exp_o  (w_exp),
	        .zero_o (w_zero),
	        .inf_o  (w_inf),
	        .nan_o  (w_nan)
	      );
	
	      wire [AMW+WMW-1:0] prod  = a_mant * w_mant;
	      wire [SHW-1:0]     shift = {{(SHW-AXW){1'b0}}, a_exp} + {{(SHW-WXW){1'b0}}, w_exp};
	      reg  [PW-1:0]      prod_ext;
	      reg  [SW-1:0]      term;
 001024	      always @* begin
 000512	        prod_ext                  = {PW{1'b0}};
 000512	        prod_ext[AMW+WMW-1:0]     = prod;
 000512	        prod_ext                  = prod_ext << shift;
 000512	        term                      = {{(SW-PW){1'b0}}, prod_ext};
 70321120	        if (a_sign[g] ^ w_sign[g]) begin
 51434000	        verilator_coverage: (next point on previous line)

 35160560	          term = -term;
	        end
	      end
	      assign terms[g*SW +: SW] = term;
	    end
	  endgenerate
	
 8316684	  reg [SW-1:0] dot;
	  integer k;
 000032	  always @* begin
 000016	    dot = {SW{1'b0}};
 000016	    for (k = 0; k < N; k = k + 1) begin
 001024	    verilator_coverage: (next point on previous line)

 000512	      dot = dot + terms[k*SW +: SW];
	    end
	  end
	
	  // NaN: a NaN scale or code, Inf * 0, or Inf products of both signs; else
	  // Inf products of one sign give that Inf (g_inf.pinf / g_inf.ninf).
%000000	  wire nan_scale = (a_scale_i == 8'hff) | (w_scale_i == 8'hff);
%000000	  wire nan;
	  generate
	    if (INF != 0) begin : g_inf
	      wire [N-1:0] p_nan, p_inf;
	      for (g = 0; g < N; g = g + 1) begin : g_l
	        assign p_nan[g] = g_lane[g].a_nan | g_lane[g].w_nan |
	                          (g_lane[g].a_inf & g_lane[g].w_zero) | (g_lane[g].a_zero & g_lane[g].w_inf);
	        assign p_inf[g] = g_lane[g].a_inf | g_lane[g].w_inf;
	      end
	      wire pinf = |(p_inf & ~(a_sign ^ w_sign));
	      wire ninf = |(p_inf & (a_sign ^ w_sign));
	      assign nan = nan_scale | (|p_nan) | (pinf & ninf);
	    end else if (NAN != 0) begin : g_nan
	      wire [N-1:0] p_nan;
	      for (g = 0; g < N; g = g + 1) begin : g_l
	        assign p_nan[g] = g_lane[g].a_nan | g_lane[g].w_nan;
	      end
	      assign nan = nan_scale | (|p_nan);
	    end else begin : g_finite
	      assign nan = nan_scale;
	    end
	  endgenerate
	  // Exponent of dot's least significant bit.
	  // (modulo 2^XW; the value lies in -286..254).
	  localparam integer XOFF = QSUM - 254;
	  localparam [XW-1:0] XOFF_W = XOFF[XW-1:0];
 1481040	  wire [XW-1:0] x = {3'd0, a_scale_i} + {3'd0, w_scale_i} + XOFF_W;
	
 2253448	  reg              s1_valid, s1_first, s1_last;
 236224	  verilator_coverage: (next point on previous line)

 236208	  verilator_coverage: (next point on previous line)

%000000	  reg              s1_nan;
 8316684	  reg [SW-1:0]     s1_dot;
 1481040	  reg signed [XW-1:0] s1_x;
	
 5412128	  always @(posedge clk_i or negedge rst_ni) begin
 000032	    if (!rst_ni) begin
 000016	      s1_valid <= 1'b0;
 000016	      s1_first <= 1'b0;
 000016	      s1_last  <= 1'b0;
 000016	      s1_nan   <= 1'b0;
 000016	      s1_dot   <= {SW{1'b0}};
 000016	      s1_x     <= {XW{1'b0}};
 5412096	    end else if (adv) begin
%000000	    verilator_coverage: (next point on previous line)

 2706048	      s1_valid <= in_valid_i;
 2706048	      s1_first <= in_first_i;
 2706048	      s1_last  <= in_last_i;
 2706048	      s1_nan   <= nan;
 2706048	      s1_dot   <= dot;
 2706048	      s1_x     <= x;
	    end
	  end
	
	  // ---------------------------------------------------------------------
	  // Stage 2: r = dot * 2^x rounded once to fp32; an exact zero is +0.
	  // |dot| < N * 2^PW = 2^(SW-1).
 348698	  wire          dot_neg = s1_dot[SW-1];
 6081513	  wire [SW-2:0] dot_mag = dot_neg ? ~s1_dot[SW-2:0] + {{(SW-2){1'b0}}, 1'b1} : s1_dot[SW-2:0];
 7153637	  wire [31:0]   r_round;
	
	  mx_fp32_round #(
	    .W  (SW-1),
	    .XW (XW)
	  ) u_round (
	    .sign_i (dot_neg),
	    .mag_i  (dot_mag),
	    .exp_i  (s1_x),
	    .fp_o   (r_round)
	  );
	
 7153637	  wire [31:0] r;
	  generate
	    if (INF != 0) begin : g_inf_q
	      // The Inf classes of stage 1, registered beside s1_nan.
	      reg s1_pinf, s1_ninf;
	      always @(posedge clk_i or negedge rst_ni) begin
	        if (!rst_ni) begin
	          s1_pinf <= 1'b0;
	          s1_ninf <= 1'b0;
	        end else if (adv) begin
	          s1_pinf <= g_inf.pinf;
	          s1_ninf <= g_inf.ninf;
	        end
	      end
	      assign r = s1_nan  ? 32'h7fc00000 :
	                 s1_pinf ? 32'h7f800000 :
	                 s1_ninf ? 32'hff800000 : r_round;
	    end else begin : g_fin_q
	      assign r = s1_nan ? 32'h7fc00000 : r_round;
	    end
	  endgenerate
	
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
	
