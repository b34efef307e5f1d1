	// verilator_coverage annotation
	// The COLS epilogue lanes (docs/accelerator.md, "Units: drain register and
	// epilogue lanes"): lane c takes column c of the drain register's row, one
	// row per cycle. A lane is an fp32 adder with its register (the conv bias,
	// 1 cycle) and three ALUs (2 cycles each): ALU 1 QUANT, ALUs 2 and 3 the
	// descriptor's ADD (bias), RELU and RMAX in that order, a two-register bypass
	// for an ALU without a step. A row entering in cycle t is written in cycle
	// t + 7 (ACCEL_EPI_LATENCY). SOFTMAX runs on the lanes' first ALUs
	// (sm_*: one transaction per lane and cycle, results two cycles later).
	// The lanes run on a gated clock: only in cycles with a row in flight or a
	// softmax.
	module mx_accel_lanes #(
	  parameter integer COLS      = 8,
	  parameter integer EB        = 5,   // E: exponent bits
	  parameter integer W         = 8,   // E: code bits
	  parameter integer EW        = 1,   // bytes per E code
	  parameter         EXP_TABLE = "mx_alu_exp.hex",
	  parameter         LOG_TABLE = "mx_alu_log.hex"
	) (
 1360022	  input  wire               clk_i,
 000006	  input  wire               rst_ni,
	
	  // epilogue: the drain register's row and the descriptor's chain
 031132	  input  wire               row_valid_i,
 3014598	  input  wire [COLS*32-1:0] row_acc_i,
	  // E codes travel in 16-bit lanes; W bits of each are the code.
	  /* verilator lint_off UNUSEDSIGNAL */
 003907	  input  wire [COLS*16-1:0] row_bias_i,
 107626	  input  wire [31:0]        row_mrow_i,
 000437	  input  wire [31:0]        row_n0_i,
 000029	  input  wire [31:0]        row_cols_i,
 000086	  input  wire [4:0]         epi_i,
 000162	  input  wire [31:0]        dst_i,
 000034	  input  wire [31:0]        out_sm_i,
 000036	  input  wire [31:0]        out_sn_i,
	
	  // the results: one E code per lane and cycle into the activation buffer
 125116	  output wire [COLS-1:0]    wr_en_o,
 261128	  output wire [COLS*32-1:0] wr_addr_o,
 197504	  output wire [COLS*16-1:0] wr_data_o,
	
	  // softmax on the first ALUs
 000006	  input  wire               sm_active_i,
 000048	  input  wire [COLS-1:0]    sm_valid_i,
 000046	  input  wire [3:0]         sm_op_i,
 000038	  input  wire               sm_first_i,
 000036	  input  wire               sm_last_i,
 4098162	  input  wire [COLS*16-1:0] sm_a_i,
 000062	  input  wire [COLS*16-1:0] sm_b_i,
	  /* verilator lint_on UNUSEDSIGNAL */
 137452	  output wire [COLS-1:0]    sm_valid_o,
 758744	  output wire [COLS*16-1:0] sm_data_o
	);
	
	  `include "mx_accel_params.vh"
	
	  localparam [3:0] OP_QUANT = 4'd0, OP_ADD = 4'd1, OP_RELU = 4'd6, OP_RMAX = 4'd9;
	  localparam integer T = W - 1 - EB;
	  localparam integer D = 7;  // metadata stages: adder, 2 x 3 ALU registers
	
 000016	  wire bias32 = epi_i[0];
 000012	  wire add    = (epi_i & `MX_ACCEL_EPI_ADD) != 5'd0;
 000022	  wire relu   = (epi_i & `MX_ACCEL_EPI_RELU) != 5'd0;
 000008	  wire rmax   = (epi_i & `MX_ACCEL_EPI_RMAX4) != 5'd0;
	  // ALUs 2 and 3: the first and second of ADD, RELU, RMAX the chain has
 000080	  wire [3:0] op2 = add ? OP_ADD : relu ? OP_RELU : OP_RMAX;
 000028	  wire       on2 = add | relu | rmax;
 000028	  wire [3:0] op3 = (add & relu) ? OP_RELU : ((add | relu) & rmax) ? OP_RMAX : OP_RMAX;
 000014	  wire       on3 = (add & relu) | ((add | relu) & rmax);
	
	  // ---- row metadata through the lanes (shared by all lanes) ----
 217924	  reg [D-1:0]    m_valid_q;
 753382	  reg [D*32-1:0] m_row_q, m_n0_q, m_cols_q;
 003059	  verilator_coverage: (next point on previous line)

 000203	  verilator_coverage: (next point on previous line)

	
 029464	  wire busy = row_valid_i | (|m_valid_q) | sm_active_i;
 324286	  wire clk_l;
	  mx_accel_clock_gate u_gate (.clk_i(clk_i), .en_i(busy), .clk_o(clk_l));
	
 324290	  always @(posedge clk_l or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 162143	    verilator_coverage: (next point on previous line)

 000002	      m_valid_q <= {D{1'b0}};
 000002	      m_row_q   <= {D*32{1'b0}};
 000002	      m_n0_q    <= {D*32{1'b0}};
 000002	      m_cols_q  <= {D*32{1'b0}};
 162143	    end else begin
 162143	      m_valid_q <= {m_valid_q[D-2:0], row_valid_i};
 162143	      m_row_q   <= {m_row_q[(D-1)*32-1:0], row_mrow_i};
 162143	      m_n0_q    <= {m_n0_q[(D-1)*32-1:0], row_n0_i};
 162143	      m_cols_q  <= {m_cols_q[(D-1)*32-1:0], row_cols_i};
	    end
	  end
	
	  // metadata at the input of ALU 2 (stage 3) and ALU 3 (stage 5), and at the write
	  // a row's place in its pooling window: its index's two low bits
 080782	  wire [1:0]  row2 = m_row_q[2*32 +: 2];
 080782	  wire [1:0]  row3 = m_row_q[4*32 +: 2];
 107626	  wire [31:0] wrow = m_row_q[6*32 +: 32];
 000437	  wire [31:0] wn0  = m_n0_q[6*32 +: 32];
 000029	  wire [31:0] wcols = m_cols_q[6*32 +: 32];
 057538	  wire [31:0] orow = rmax ? (wrow >> 2) : wrow;
 057994	  wire [31:0] rbase = dst_i + orow * out_sm_i * EW;
	
	  genvar c;
	  generate
	    for (c = 0; c < COLS; c = c + 1) begin : g_lane
	      wire        lane_ok = (c < row_cols_i);
	      // fp32 adder and its register
	      wire [8+T:0] bias_hi;
	      wire [W-1:0] bcode = row_bias_i[c*16 +: W];
	      mx_alu_to_f32 #(.EB(EB), .W(W)) u_bias (.code_i(bcode), .f32_o(bias_hi));
	      wire [31:0] bias_f32 = {bias_hi, {(23-T){1'b0}}};
	      wire [31:0] sum;
	      mx_fp32_add u_add (.a_i(row_acc_i[c*32 +: 32]), .b_i(bias_f32), .sum_o(sum));
	
	      reg         a_valid_q;
	      reg [31:0]  a_q;
	      reg [W-1:0] b0_q, b1_q, b2_q;  // the bias code beside ALU 1, for ADD in ALU 2
 1459196	      always @(posedge clk_l or negedge rst_ni) begin
 000018	        if (!rst_ni) begin
 729589	        verilator_coverage: (next point on previous line)

 000009	          a_valid_q <= 1'b0;
 000009	          a_q <= 32'd0;
 000009	          b0_q <= {W{1'b0}}; b1_q <= {W{1'b0}}; b2_q <= {W{1'b0}};
 729589	        end else begin
 729589	          a_valid_q <= row_valid_i & lane_ok;
 729589	          a_q  <= bias32 ? sum : row_acc_i[c*32 +: 32];
 729589	          b0_q <= bcode;
 729589	          b1_q <= b0_q;
 729589	          b2_q <= b1_q;
	        end
	      end
	
	      // ALU 1: QUANT, or the softmax's transaction
	      wire         v1;
	      wire [W-1:0] y1;
	      // the lanes move by their schedule, not by the ALUs' handshake: ready/valid outputs unused
	      /* verilator lint_off PINCONNECTEMPTY */
	      mx_alu #(.EB(EB), .W(W), .EXP_TABLE(EXP_TABLE), .LOG_TABLE(LOG_TABLE)) u_alu1 (
	        .clk_i       (clk_l),
	        .rst_ni      (rst_ni),
	        .in_valid_i  (sm_active_i ? sm_valid_i[c] : a_valid_q),
	        .in_ready_o  (),
	        .in_op_i     (sm_active_i ? sm_op_i : OP_QUANT),
	        .in_first_i  (sm_active_i & sm_first_i),
	        .in_last_i   (sm_active_i & sm_last_i),
	        .in_a_i      (sm_active_i ? {{(32-W){1'b0}}, sm_a_i[c*16 +: W]} : a_q),
	        .in_b_i      (sm_active_i ? sm_b_i[c*16 +: W] : {W{1'b0}}),
	        .out_valid_o (v1),
	        .out_ready_i (1'b1),
	        .out_data_o  (y1)
	      );
	      /* verilator lint_on PINCONNECTEMPTY */
	      assign sm_valid_o[c] = v1;
	      assign sm_data_o[c*16 +: 16] = {{(16-W){1'b0}}, y1};
	
	      // ALU 2 and ALU 3, or their bypass registers
	      wire         v1e = v1 & ~sm_active_i;
	      wire         v2, v3;
	      wire [W-1:0] y2, y3;
	      mx_accel_lane_step #(.EB(EB), .W(W), .EXP_TABLE(EXP_TABLE), .LOG_TABLE(LOG_TABLE)) u_s2 (
	        .clk_i (clk_l), .rst_ni (rst_ni), .on_i (on2), .op_i (op2),
	        .valid_i (v1e), .a_i (y1), .b_i (b2_q),
	        .first_i (row2 == 2'd0), .last_i (row2 == 2'd3),
	        .valid_o (v2), .data_o (y2));
	      mx_accel_lane_step #(.EB(EB), .W(W), .EXP_TABLE(EXP_TABLE), .LOG_TABLE(LOG_TABLE)) u_s3 (
	        .clk_i (clk_l), .rst_ni (rst_ni), .on_i (on3), .op_i (op3),
	        .valid_i (v2), .a_i (y2), .b_i ({W{1'b0}}),
	        .first_i (row3 == 2'd0), .last_i (row3 == 2'd3),
	        .valid_o (v3), .data_o (y3));
	
	      assign wr_en_o[c]   = v3 & m_valid_q[D-1] & (c < wcols);
	      assign wr_addr_o[c*32 +: 32] = rbase + (wn0 + c) * out_sn_i * EW;
	      assign wr_data_o[c*16 +: 16] = {{(16-W){1'b0}}, y3};
	    end
	  endgenerate
	
	endmodule
	
