	// verilator_coverage annotation
	// The accelerator (docs/accelerator.md): a controller that runs a layer
	// program descriptor after descriptor on the PE array (mx_accel_matmul), the
	// epilogue lanes (mx_accel_lanes), the SEU lanes (mx_accel_seu_lanes), the
	// softmax engine (mx_accel_softmax) and the DMA (mx_accel_dma), with the
	// activation buffer, the weight buffer and the descriptor memory
	// (mx_accel_mem: memory macros, black boxes to synthesis) and the
	// performance counters (mx_accel_counters), cycle for cycle as the C model
	// (model/accel/).
	//
	// The host first loads the program (load_i: the descriptor table, written
	// by the compiler at the end of the DRAM image) into the descriptor memory,
	// then starts runs (run_i); cycle 0 of a run is the cycle after run_i. The
	// parameters' defaults come from model/accel/params.def (mx_accel_params.vh).
	`include "mx_accel_params.vh"
	
	module mx_accel #(
	  parameter integer ROWS                 = `MX_ACCEL_ROWS,
	  parameter integer COLS                 = `MX_ACCEL_COLS,
	  parameter integer SEU_LANES            = `MX_ACCEL_SEU_LANES,
	  parameter integer ACT_BUF_KIB          = `MX_ACCEL_ACT_BUF_KIB,
	  parameter integer ACT_BANKS            = `MX_ACCEL_ACT_BANKS,
	  parameter integer WGT_BUF_KIB          = `MX_ACCEL_WGT_BUF_KIB,
	  parameter integer WGT_BANKS            = `MX_ACCEL_WGT_BANKS,
	  parameter integer DRAM_BYTES_PER_CYCLE = `MX_ACCEL_DRAM_BYTES_PER_CYCLE,
	  parameter integer DRAM_BURST_BYTES     = `MX_ACCEL_DRAM_BURST_BYTES,
	  parameter integer DRAM_OUTSTANDING     = `MX_ACCEL_DRAM_OUTSTANDING,
	  parameter integer DESC_SLOTS           = `MX_ACCEL_DESC_SLOTS,
	  // formats: E (elementwise: exponent bits, code bits), the matmul operands
	  // (mx_format_id; 9 = bfloat16 PE) and the SEU's rounding (mx_round)
	  parameter integer E_EB                 = 5,
	  parameter integer E_W                  = 8,
	  parameter integer A_FMT                = 4,
	  parameter integer W_FMT                = 4,
	  parameter integer ROUND                = 0,
	  parameter         EXP_TABLE            = "mx_alu_exp.hex",
	  parameter         LOG_TABLE            = "mx_alu_log.hex"
	) (
 1360022	  input  wire                              clk_i,
 000006	  input  wire                              rst_ni,
	
 000004	  input  wire                              load_i,
 000016	  input  wire [31:0]                       prog_dram_i,
 000005	  input  wire [31:0]                       prog_count_i,
 000006	  input  wire                              run_i,
 000010	  output wire                              busy_o,
 000446	  input  wire [7:0]                        csr_addr_i,
 569433	  output wire [63:0]                       csr_data_o,
	
 255080	  output wire                              dram_req_valid_o,
 000004	  output wire                              dram_req_write_o,
 308046	  output wire [31:0]                       dram_req_addr_o,
 001676	  output wire [31:0]                       dram_req_bytes_o,
 000584	  input  wire                              dram_beat_i,
 18686060	  input  wire [DRAM_BYTES_PER_CYCLE*8-1:0] dram_rd_data_i,
 000368	  output wire [DRAM_BYTES_PER_CYCLE*8-1:0] dram_wr_data_o
	);
	
	  localparam integer EW       = (E_W <= 8) ? 1 : 2;
	  localparam integer SLOT     = 64;
	  localparam integer BPC      = DRAM_BYTES_PER_CYCLE;
	  localparam integer ACT_B    = ACT_BUF_KIB * 1024;
	  localparam integer WGT_B    = WGT_BUF_KIB * 1024;
	  localparam integer FIELDS   = `MX_ACCEL_FIELDS;
	  localparam integer DESC_B   = 4 * FIELDS;
	  localparam integer DESC_MEM = DESC_SLOTS * DESC_B;
	  localparam integer AAW      = $clog2(ACT_B);
	  localparam integer WAW      = $clog2(WGT_B);
	  localparam integer DAW      = $clog2(DESC_MEM);
	  localparam integer ARP      = (ROWS > SEU_LANES) ? ((ROWS > COLS) ? ROWS : COLS)
	                                                   : ((SEU_LANES > COLS) ? SEU_LANES : COLS);
	  localparam integer AWP      = (SEU_LANES > COLS) ? SEU_LANES : COLS;
	  localparam [31:0] DESC_B_C  = DESC_B;
	  localparam [31:0] EW_C      = EW;
	
	  // ---- controller: program load, then runs of the descriptors ----
	  localparam [1:0] S_IDLE = 2'd0, S_LOAD = 2'd1, S_RUN = 2'd2;
 000010	  reg  [1:0]  state_q;
 000084	  reg         first_q;                 // first cycle of the state / descriptor
 000005	  reg  [31:0] count_q, idx_q, prog_dram_q;
 000070	  verilator_coverage: (next point on previous line)

 000016	  verilator_coverage: (next point on previous line)

 001171	  reg  [FIELDS*32-1:0] desc_q;
	
	  // Descriptor fields are 32-bit words; an engine uses the bits it needs.
	  /* verilator lint_off UNUSEDSIGNAL */
 000068	  wire [31:0] f_op        = desc_q[`MX_ACCEL_F_OP*32 +: 32];
 000026	  wire [31:0] f_layer     = desc_q[`MX_ACCEL_F_LAYER*32 +: 32];
 000126	  wire [31:0] f_dram      = desc_q[`MX_ACCEL_F_DRAM*32 +: 32];
 000023	  wire [31:0] f_buf       = desc_q[`MX_ACCEL_F_BUF*32 +: 32];
 000032	  wire [31:0] f_bytes     = desc_q[`MX_ACCEL_F_BYTES*32 +: 32];
 000150	  wire [31:0] f_src       = desc_q[`MX_ACCEL_F_SRC*32 +: 32];
 000162	  wire [31:0] f_dst       = desc_q[`MX_ACCEL_F_DST*32 +: 32];
 000078	  wire [31:0] f_blocks    = desc_q[`MX_ACCEL_F_BLOCKS*32 +: 32];
 000016	  wire [31:0] f_block_len = desc_q[`MX_ACCEL_F_BLOCK_LEN*32 +: 32];
 000060	  wire [31:0] f_m         = desc_q[`MX_ACCEL_F_M*32 +: 32];
 000034	  wire [31:0] f_n         = desc_q[`MX_ACCEL_F_N*32 +: 32];
 000050	  wire [31:0] f_kb        = desc_q[`MX_ACCEL_F_KB*32 +: 32];
 000016	  wire [31:0] f_conv      = desc_q[`MX_ACCEL_F_CONV*32 +: 32];
 000048	  wire [31:0] f_in_w      = desc_q[`MX_ACCEL_F_IN_W*32 +: 32];
 000016	  wire [31:0] f_cin       = desc_q[`MX_ACCEL_F_CIN_BLOCKS*32 +: 32];
 000008	  wire [31:0] f_order     = desc_q[`MX_ACCEL_F_ORDER*32 +: 32];
 000030	  wire [31:0] f_in_sm     = desc_q[`MX_ACCEL_F_IN_SM*32 +: 32];
 000034	  wire [31:0] f_out_sm    = desc_q[`MX_ACCEL_F_OUT_SM*32 +: 32];
 000036	  wire [31:0] f_out_sn    = desc_q[`MX_ACCEL_F_OUT_SN*32 +: 32];
 000066	  wire [31:0] f_chunk_k   = desc_q[`MX_ACCEL_F_CHUNK_K*32 +: 32];
 000086	  wire [31:0] f_epi       = desc_q[`MX_ACCEL_F_EPI*32 +: 32];
 000006	  wire [31:0] f_rows      = desc_q[`MX_ACCEL_F_ROWS*32 +: 32];
	  /* verilator lint_on UNUSEDSIGNAL */
	
 000006	  wire running  = (state_q == S_RUN);
 000014	  wire op_xfer  = running & ((f_op == `MX_ACCEL_OP_LOAD) | (f_op == `MX_ACCEL_OP_STORE));
 000006	  wire op_store = running & (f_op == `MX_ACCEL_OP_STORE);
 000030	  wire op_seu   = running & (f_op == `MX_ACCEL_OP_SEU);
 000028	  wire op_mm    = running & (f_op == `MX_ACCEL_OP_MATMUL);
 000006	  wire op_sm    = running & (f_op == `MX_ACCEL_OP_SOFTMAX);
	
 000028	  wire mm_done, seu_done, sm_done;
 000032	  verilator_coverage: (next point on previous line)

 000006	  verilator_coverage: (next point on previous line)

 000698	  wire dma_last, dma_beat;
 000584	  verilator_coverage: (next point on previous line)

 000014	  wire xfer_done = op_xfer & dma_last;
 000080	  wire desc_done = xfer_done | (op_seu & seu_done) | (op_mm & mm_done) | (op_sm & sm_done);
 000006	  wire run_end   = desc_done & (idx_q + 32'd1 == count_q);
 000004	  wire load_done = (state_q == S_LOAD) & dma_last;
	
	  // the descriptor memory: read the next descriptor in the cycle it is needed
 000080	  wire [31:0]         next_idx = (state_q == S_RUN) ? idx_q + 32'd1 : 32'd0;
 001204	  wire [DESC_B*8-1:0] next_desc;
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 680012	    verilator_coverage: (next point on previous line)

 000002	      state_q <= S_IDLE;
 000002	      first_q <= 1'b0;
 000002	      count_q <= 32'd0;
 000002	      idx_q   <= 32'd0;
 000002	      prog_dram_q <= 32'd0;
 000002	      desc_q  <= {FIELDS*32{1'b0}};
 680012	    end else begin
 680012	      first_q <= 1'b0;
 680012	      case (state_q)
 000010	        S_IDLE: begin
 000004	          if (load_i) begin
 000002	            state_q <= S_LOAD;
 000002	            first_q <= 1'b1;
 000002	            count_q <= prog_count_i;
 000002	            prog_dram_q <= prog_dram_i;
 000006	          end else if (run_i && count_q != 32'd0) begin
%000000	          verilator_coverage: (next point on previous line)

 000003	            state_q <= S_RUN;
 000003	            first_q <= 1'b1;
 000003	            idx_q   <= 32'd0;
 000003	            desc_q  <= next_desc;
	          end
	        end
 000388	        S_LOAD: begin
 000004	          if (load_done) begin
 000192	          verilator_coverage: (next point on previous line)

 000002	            state_q <= S_IDLE;
	          end
	        end
 1359626	        default: begin
 000006	          if (run_end) begin
 000003	            state_q <= S_IDLE;
 000074	          end else if (desc_done) begin
 679773	          verilator_coverage: (next point on previous line)

 000037	            first_q <= 1'b1;
 000037	            idx_q   <= idx_q + 32'd1;
 000037	            desc_q  <= next_desc;
	          end
	        end
	      endcase
	    end
	  end
	
	  assign busy_o = (state_q != S_IDLE);
	
	  // ---- DMA: program load, LOAD / STORE, weight chunks ----
	  // Engines compute 32-bit addresses; a memory takes its address bits.
	  /* verilator lint_off UNUSEDSIGNAL */
 823018	  wire [31:0] mm_wgt_addr;
 2306330	  wire [2*COLS*32-1:0] w_rd_addr;
 000174	  wire [31:0] d_rd_addr;
	  /* verilator lint_on UNUSEDSIGNAL */
 000680	  wire        mm_dma_start;
 002096	  wire [31:0] mm_dma_dram, mm_dma_bytes;
 001378	  verilator_coverage: (next point on previous line)

 000014	  wire        x_start  = op_xfer & first_q;
 000004	  wire        p_start  = (state_q == S_LOAD) & first_q;
 000698	  wire        dma_start = x_start | p_start | (op_mm & mm_dma_start);
 002128	  wire [31:0] dma_dram  = p_start ? prog_dram_q : op_mm ? mm_dma_dram : f_dram;
 001424	  wire [31:0] dma_bytes = p_start ? count_q * DESC_B_C : op_mm ? mm_dma_bytes : f_bytes;
 822684	  wire [31:0] dma_off;
 204122	  wire [15:0] dma_n;
	  /* verilator lint_off UNUSEDSIGNAL */
 000190	  wire        dma_busy;     // the controller knows its transfers' ends
%000000	  wire [BPC*8-1:0] w_dma_rd, d_dma_rd;  // nothing reads these memories by DMA
%000000	  verilator_coverage: (next point on previous line)

	  /* verilator lint_on UNUSEDSIGNAL */
	
	  mx_accel_dma #(.BPC(BPC), .BURST(DRAM_BURST_BYTES), .OUTSTANDING(DRAM_OUTSTANDING)) u_dma (
	    .clk_i        (clk_i),
	    .rst_ni       (rst_ni),
	    .start_i      (dma_start),
	    .write_i      (op_store),
	    .dram_i       (dma_dram),
	    .bytes_i      (dma_bytes),
	    .req_valid_o  (dram_req_valid_o),
	    .req_write_o  (dram_req_write_o),
	    .req_addr_o   (dram_req_addr_o),
	    .req_bytes_o  (dram_req_bytes_o),
	    .beat_i       (dram_beat_i),
	    .beat_off_o   (dma_off),
	    .beat_bytes_o (dma_n),
	    .last_o       (dma_last),
	    .busy_o       (dma_busy)
	  );
	  assign dma_beat = dram_beat_i;
	
	  // ---- memories ----
 987148	  wire [ARP-1:0]        a_rd_en;
 1987850	  wire [ARP*AAW-1:0]    a_rd_addr;
 000113	  wire [ARP*8-1:0]      a_rd_len;
 62697780	  wire [ARP*SLOT*8-1:0] a_rd_data;
 125204	  wire [AWP-1:0]        a_wr_en;
 284276	  wire [AWP*AAW-1:0]    a_wr_addr;
 000109	  wire [AWP*8-1:0]      a_wr_len;
 467818	  wire [AWP*SLOT*8-1:0] a_wr_data;
 000368	  wire [BPC*8-1:0]      a_dma_rd;
	
	  mx_accel_mem #(.BYTES(ACT_B), .AW(AAW), .RP(ARP), .RW(SLOT), .WP(AWP), .WW(SLOT), .DW(BPC)) u_act (
	    .clk_i         (clk_i),
	    .rd_en_i       (a_rd_en),
	    .rd_addr_i     (a_rd_addr),
	    .rd_len_i      (a_rd_len),
	    .rd_data_o     (a_rd_data),
	    .wr_en_i       (a_wr_en),
	    .wr_addr_i     (a_wr_addr),
	    .wr_len_i      (a_wr_len),
	    .wr_data_i     (a_wr_data),
	    .dma_rd_en_i   (op_store & dma_beat),
	    .dma_rd_addr_i (f_buf[AAW-1:0] + dma_off[AAW-1:0]),
	    .dma_rd_data_o (a_dma_rd),
	    .dma_wr_en_i   (op_xfer & ~op_store & dma_beat),
	    .dma_wr_addr_i (f_buf[AAW-1:0] + dma_off[AAW-1:0]),
	    .dma_wr_len_i  (dma_n),
	    .dma_wr_data_i (dram_rd_data_i)
	  );
	  assign dram_wr_data_o = a_dma_rd;
	
 1542352	  wire [2*COLS-1:0]        w_rd_en;
 000110	  wire [2*COLS*8-1:0]      w_rd_len;
 71253280	  wire [2*COLS*SLOT*8-1:0] w_rd_data;
 2306330	  wire [2*COLS*WAW-1:0]    w_rd_addr_n;
	  genvar g;
	  generate
	    for (g = 0; g < 2 * COLS; g = g + 1) begin : g_waddr
	      assign w_rd_addr_n[g*WAW +: WAW] = w_rd_addr[g*32 +: WAW];
	    end
	  endgenerate
	
	  mx_accel_mem #(.BYTES(WGT_B), .AW(WAW), .RP(2*COLS), .RW(SLOT), .WP(1), .WW(1), .DW(BPC)) u_wgt (
	    .clk_i         (clk_i),
	    .rd_en_i       (w_rd_en),
	    .rd_addr_i     (w_rd_addr_n),
	    .rd_len_i      (w_rd_len),
	    .rd_data_o     (w_rd_data),
	    .wr_en_i       (1'b0),
	    .wr_addr_i     ({WAW{1'b0}}),
	    .wr_len_i      (8'd0),
	    .wr_data_i     (8'd0),
	    .dma_rd_en_i   (1'b0),
	    .dma_rd_addr_i ({WAW{1'b0}}),
	    .dma_rd_data_o (w_dma_rd),
	    .dma_wr_en_i   (op_mm & dma_beat),
	    .dma_wr_addr_i (mm_wgt_addr[WAW-1:0]),
	    .dma_wr_len_i  (dma_n),
	    .dma_wr_data_i (dram_rd_data_i)
	  );
	
	  assign d_rd_addr = next_idx * DESC_B_C;
	  mx_accel_mem #(.BYTES(DESC_MEM), .AW(DAW), .RP(1), .RW(DESC_B), .WP(1), .WW(1), .DW(BPC)) u_desc (
	    .clk_i         (clk_i),
	    .rd_en_i       (1'b1),
	    .rd_addr_i     (d_rd_addr[DAW-1:0]),
	    .rd_len_i      (DESC_B_C[7:0]),
	    .rd_data_o     (next_desc),
	    .wr_en_i       (1'b0),
	    .wr_addr_i     ({DAW{1'b0}}),
	    .wr_len_i      (8'd0),
	    .wr_data_i     (8'd0),
	    .dma_rd_en_i   (1'b0),
	    .dma_rd_addr_i ({DAW{1'b0}}),
	    .dma_rd_data_o (d_dma_rd),
	    .dma_wr_en_i   ((state_q == S_LOAD) & dma_beat),
	    .dma_wr_addr_i (dma_off[DAW-1:0]),
	    .dma_wr_len_i  (dma_n),
	    .dma_wr_data_i (dram_rd_data_i)
	  );
	
	  // ---- engines ----
 987060	  wire [ROWS-1:0]        mm_rd_en;
 1968458	  wire [ROWS*32-1:0]     mm_rd_addr;
 000083	  wire [ROWS*8-1:0]      mm_rd_len;
 031132	  wire                   lane_valid;
 3014598	  wire [COLS*32-1:0]     lane_acc;
 003907	  wire [COLS*16-1:0]     lane_bias;
 107626	  wire [31:0]            lane_mrow, lane_n0, lane_cols;
 000437	  verilator_coverage: (next point on previous line)

 000029	  verilator_coverage: (next point on previous line)

 314696	  wire                   mc_busy, mc_wdram, mc_wbank, mc_wdrain;
 000520	  verilator_coverage: (next point on previous line)

 314688	  verilator_coverage: (next point on previous line)

%000000	  verilator_coverage: (next point on previous line)

 446244	  wire [31:0]            mc_areads, mc_wreads, mc_macs;
 464222	  verilator_coverage: (next point on previous line)

 723968	  verilator_coverage: (next point on previous line)

	
	  mx_accel_matmul #(
	    .ROWS(ROWS), .COLS(COLS), .ACT_BANKS(ACT_BANKS), .WGT_BANKS(WGT_BANKS),
	    .HALF(WGT_B / 2), .A_FMT(A_FMT), .W_FMT(W_FMT), .EW(EW), .EPI_LAT(7), .SLOT(SLOT)
	  ) u_mm (
	    .clk_i          (clk_i),
	    .rst_ni         (rst_ni),
	    .active_i       (op_mm),
	    .src_i          (f_src),
	    .wdram_i        (f_dram),
	    .m_i            (f_m),
	    .n_i            (f_n),
	    .kb_i           (f_kb),
	    .block_len_i    (f_block_len),
	    .conv_i         (f_conv[0]),
	    .in_w_i         (f_in_w),
	    .cin_blocks_i   (f_cin),
	    .pool_order_i   (f_order == `MX_ACCEL_ORDER_POOL2),
	    .in_sm_i        (f_in_sm),
	    .chunk_k_i      (f_chunk_k),
	    .done_o         (mm_done),
	    .dma_start_o    (mm_dma_start),
	    .dma_dram_o     (mm_dma_dram),
	    .dma_bytes_o    (mm_dma_bytes),
	    .dma_beat_i     (dma_beat),
	    .dma_last_i     (dma_last),
	    .dma_off_i      (dma_off),
	    .wgt_wr_addr_o  (mm_wgt_addr),
	    .act_rd_en_o    (mm_rd_en),
	    .act_rd_addr_o  (mm_rd_addr),
	    .act_rd_len_o   (mm_rd_len),
	    .act_rd_data_i  (a_rd_data[ROWS*SLOT*8-1:0]),
	    .wgt_rd_en_o    (w_rd_en),
	    .wgt_rd_addr_o  (w_rd_addr),
	    .wgt_rd_len_o   (w_rd_len),
	    .wgt_rd_data_i  (w_rd_data),
	    .lane_valid_o   (lane_valid),
	    .lane_acc_o     (lane_acc),
	    .lane_bias_o    (lane_bias),
	    .lane_mrow_o    (lane_mrow),
	    .lane_n0_o      (lane_n0),
	    .lane_cols_o    (lane_cols),
	    .c_busy_o       (mc_busy),
	    .c_wait_dram_o  (mc_wdram),
	    .c_wait_bank_o  (mc_wbank),
	    .c_wait_drain_o (mc_wdrain),
	    .c_act_reads_o  (mc_areads),
	    .c_wgt_reads_o  (mc_wreads),
	    .c_macs_o       (mc_macs)
	  );
	
 125116	  wire [COLS-1:0]        ep_wr_en;
 261128	  wire [COLS*32-1:0]     ep_wr_addr;
 197504	  wire [COLS*16-1:0]     ep_wr_data;
 000006	  wire                   sm_alu_active, sm_alu_first, sm_alu_last;
 000038	  verilator_coverage: (next point on previous line)

 000036	  verilator_coverage: (next point on previous line)

 000048	  wire [COLS-1:0]        sm_alu_valid, sm_alu_out_valid;
 137452	  verilator_coverage: (next point on previous line)

 000046	  wire [3:0]             sm_alu_op;
 4098162	  wire [COLS*16-1:0]     sm_alu_a, sm_alu_b, sm_alu_out;
 000062	  verilator_coverage: (next point on previous line)

 758744	  verilator_coverage: (next point on previous line)

	
	  mx_accel_lanes #(
	    .COLS(COLS), .EB(E_EB), .W(E_W), .EW(EW), .EXP_TABLE(EXP_TABLE), .LOG_TABLE(LOG_TABLE)
	  ) u_lanes (
	    .clk_i       (clk_i),
	    .rst_ni      (rst_ni),
	    .row_valid_i (lane_valid),
	    .row_acc_i   (lane_acc),
	    .row_bias_i  (lane_bias),
	    .row_mrow_i  (lane_mrow),
	    .row_n0_i    (lane_n0),
	    .row_cols_i  (lane_cols),
	    .epi_i       (f_epi[4:0]),
	    .dst_i       (f_dst),
	    .out_sm_i    (f_out_sm),
	    .out_sn_i    (f_out_sn),
	    .wr_en_o     (ep_wr_en),
	    .wr_addr_o   (ep_wr_addr),
	    .wr_data_o   (ep_wr_data),
	    .sm_active_i (sm_alu_active & op_sm),
	    .sm_valid_i  (sm_alu_valid),
	    .sm_op_i     (sm_alu_op),
	    .sm_first_i  (sm_alu_first),
	    .sm_last_i   (sm_alu_last),
	    .sm_a_i      (sm_alu_a),
	    .sm_b_i      (sm_alu_b),
	    .sm_valid_o  (sm_alu_out_valid),
	    .sm_data_o   (sm_alu_out)
	  );
	
 000080	  wire [SEU_LANES-1:0]        su_rd_en, su_wr_en;
 000080	  verilator_coverage: (next point on previous line)

 017874	  wire [SEU_LANES*32-1:0]     su_rd_addr, su_wr_addr;
 021883	  verilator_coverage: (next point on previous line)

 000040	  wire [SEU_LANES*8-1:0]      su_rd_len, su_wr_len;
 000055	  verilator_coverage: (next point on previous line)

 270012	  wire [SEU_LANES*SLOT*8-1:0] su_wr_data;
 000032	  wire                        sc_busy;
 000048	  wire [31:0]                 sc_blocks;
	
	  mx_accel_seu_lanes #(
	    .LANES(SEU_LANES), .EB(E_EB), .W(E_W), .EW(EW), .A_FMT(A_FMT), .ROUND(ROUND), .SLOT(SLOT)
	  ) u_seu (
	    .clk_i       (clk_i),
	    .rst_ni      (rst_ni),
	    .active_i    (op_seu),
	    .src_i       (f_src),
	    .dst_i       (f_dst),
	    .blocks_i    (f_blocks),
	    .block_len_i (f_block_len),
	    .done_o      (seu_done),
	    .rd_en_o     (su_rd_en),
	    .rd_addr_o   (su_rd_addr),
	    .rd_len_o    (su_rd_len),
	    .rd_data_i   (a_rd_data[SEU_LANES*SLOT*8-1:0]),
	    .wr_en_o     (su_wr_en),
	    .wr_addr_o   (su_wr_addr),
	    .wr_len_o    (su_wr_len),
	    .wr_data_o   (su_wr_data),
	    .c_busy_o    (sc_busy),
	    .c_blocks_o  (sc_blocks)
	  );
	
 000008	  wire [COLS-1:0]        sm_rd_en, sm_wr_en;
 000008	  verilator_coverage: (next point on previous line)

 002510	  wire [COLS*32-1:0]     sm_rd_addr, sm_wr_addr;
 002520	  verilator_coverage: (next point on previous line)

 000009	  wire [COLS*8-1:0]      sm_rd_len;
 758744	  wire [COLS*16-1:0]     sm_wr_data;
 000036	  wire                   xc_issue;
 000006	  wire [31:0]            xc_reads, xc_writes;
 000006	  verilator_coverage: (next point on previous line)

	
	  mx_accel_softmax #(.COLS(COLS), .W(E_W), .EW(EW), .SLOT(SLOT)) u_sm (
	    .clk_i        (clk_i),
	    .rst_ni       (rst_ni),
	    .active_i     (op_sm),
	    .src_i        (f_src),
	    .dst_i        (f_dst),
	    .rows_i       (f_rows),
	    .n_i          (f_n),
	    .done_o       (sm_done),
	    .rd_en_o      (sm_rd_en),
	    .rd_addr_o    (sm_rd_addr),
	    .rd_len_o     (sm_rd_len),
	    .rd_data_i    (a_rd_data[COLS*SLOT*8-1:0]),
	    .wr_en_o      (sm_wr_en),
	    .wr_addr_o    (sm_wr_addr),
	    .wr_data_o    (sm_wr_data),
	    .alu_active_o (sm_alu_active),
	    .alu_valid_o  (sm_alu_valid),
	    .alu_op_o     (sm_alu_op),
	    .alu_first_o  (sm_alu_first),
	    .alu_last_o   (sm_alu_last),
	    .alu_a_o      (sm_alu_a),
	    .alu_b_o      (sm_alu_b),
	    .alu_valid_i  (sm_alu_out_valid),
	    .alu_data_i   (sm_alu_out),
	    .c_issue_o    (xc_issue),
	    .c_reads_o    (xc_reads),
	    .c_writes_o   (xc_writes)
	  );
	
	  // ---- activation-buffer ports: the active engine's ----
	  generate
	    for (g = 0; g < ARP; g = g + 1) begin : g_arp
	      wire mm = op_mm & (g < ROWS);
	      wire su = op_seu & (g < SEU_LANES);
	      wire sm = op_sm & (g < COLS);
	      localparam integer GM = (g < ROWS) ? g : 0;
	      localparam integer GS = (g < SEU_LANES) ? g : 0;
	      localparam integer GC = (g < COLS) ? g : 0;
	      assign a_rd_en[g] = mm ? mm_rd_en[GM] : su ? su_rd_en[GS] : sm ? sm_rd_en[GC] : 1'b0;
	      /* verilator lint_off UNUSEDSIGNAL */
	      wire [31:0] addr = mm ? mm_rd_addr[GM*32 +: 32] : su ? su_rd_addr[GS*32 +: 32]
	                                                      : sm_rd_addr[GC*32 +: 32];
	      /* verilator lint_on UNUSEDSIGNAL */
	      assign a_rd_addr[g*AAW +: AAW] = addr[AAW-1:0];
	      assign a_rd_len[g*8 +: 8] = mm ? mm_rd_len[GM*8 +: 8] : su ? su_rd_len[GS*8 +: 8]
	                                                           : sm_rd_len[GC*8 +: 8];
	    end
	    for (g = 0; g < AWP; g = g + 1) begin : g_awp
	      wire su = op_seu & (g < SEU_LANES);
	      wire ep = op_mm & (g < COLS);
	      wire sm = op_sm & (g < COLS);
	      localparam integer GS = (g < SEU_LANES) ? g : 0;
	      localparam integer GC = (g < COLS) ? g : 0;
	      assign a_wr_en[g] = su ? su_wr_en[GS] : ep ? ep_wr_en[GC] : sm ? sm_wr_en[GC] : 1'b0;
	      /* verilator lint_off UNUSEDSIGNAL */
	      wire [31:0] addr = su ? su_wr_addr[GS*32 +: 32] : ep ? ep_wr_addr[GC*32 +: 32]
	                                                      : sm_wr_addr[GC*32 +: 32];
	      /* verilator lint_on UNUSEDSIGNAL */
	      assign a_wr_addr[g*AAW +: AAW] = addr[AAW-1:0];
	      assign a_wr_len[g*8 +: 8] = su ? su_wr_len[GS*8 +: 8] : EW_C[7:0];
	      wire [15:0] code = ep ? ep_wr_data[GC*16 +: 16] : sm_wr_data[GC*16 +: 16];
	      assign a_wr_data[g*SLOT*8 +: SLOT*8] = su ? su_wr_data[GS*SLOT*8 +: SLOT*8]
	                                                : {{(SLOT*8-16){1'b0}}, code};
	    end
	  endgenerate
	
	  // ---- counters: this cycle's increments (counters.def's MX_ACCEL_CNT_*) ----
	  localparam integer NF = `MX_ACCEL_CNT_FIELDS;
 000582	  wire        beat_run = running & dma_beat;
 204122	  wire [31:0] beat_n   = {16'd0, dma_n};
 000008	  wire        ep_rmax  = (f_epi[4:0] & `MX_ACCEL_EPI_RMAX4) != 5'd0;
 041028	  wire [31:0] ep_writes = (lane_valid & (~ep_rmax | (lane_mrow[1:0] == 2'd3))) ? lane_cols : 32'd0;
 2542220	  wire [NF*32-1:0] inc;
	  assign inc[`MX_ACCEL_CNT_MACS*32 +: 32] = op_mm ? mc_macs : 32'd0;
	  assign inc[`MX_ACCEL_CNT_CYCLES*32 +: 32] = 32'd1;
	  assign inc[`MX_ACCEL_CNT_ARRAY_BUSY*32 +: 32] = {31'd0, op_mm & mc_busy};
	  assign inc[`MX_ACCEL_CNT_ARRAY_WAIT_DRAM*32 +: 32] = {31'd0, op_mm & mc_wdram};
	  assign inc[`MX_ACCEL_CNT_ARRAY_WAIT_BANK*32 +: 32] = {31'd0, op_mm & mc_wbank};
	  assign inc[`MX_ACCEL_CNT_ARRAY_WAIT_DRAIN*32 +: 32] = {31'd0, op_mm & mc_wdrain};
	  assign inc[`MX_ACCEL_CNT_SEU_BUSY*32 +: 32] = {31'd0, op_seu & sc_busy};
	  assign inc[`MX_ACCEL_CNT_ALU_BUSY*32 +: 32] =
	    {31'd0, (op_mm & lane_valid) | (op_sm & xc_issue)};
	  assign inc[`MX_ACCEL_CNT_DMA_BUSY*32 +: 32] = {31'd0, beat_run};
	  assign inc[`MX_ACCEL_CNT_ACT_READS*32 +: 32] =
	    (op_mm ? mc_areads : 32'd0) + (op_seu ? sc_blocks : 32'd0) +
	    (op_sm ? xc_reads : 32'd0) + {31'd0, op_store & dma_beat};
	  assign inc[`MX_ACCEL_CNT_ACT_WRITES*32 +: 32] =
	    (op_mm ? ep_writes : 32'd0) + (op_seu ? sc_blocks : 32'd0) +
	    (op_sm ? xc_writes : 32'd0) + {31'd0, op_xfer & ~op_store & dma_beat};
	  assign inc[`MX_ACCEL_CNT_WGT_READS*32 +: 32] = op_mm ? mc_wreads : 32'd0;
	  assign inc[`MX_ACCEL_CNT_WGT_WRITES*32 +: 32] = {31'd0, op_mm & dma_beat};
	  assign inc[`MX_ACCEL_CNT_DRAM_READ_BYTES*32 +: 32] = (beat_run & ~op_store) ? beat_n : 32'd0;
	  assign inc[`MX_ACCEL_CNT_DRAM_WRITE_BYTES*32 +: 32] = (beat_run & op_store) ? beat_n : 32'd0;
	
	  mx_accel_counters #(.LAYERS(`MX_ACCEL_LAYERS), .FIELDS(NF)) u_cnt (
	    .clk_i      (clk_i),
	    .rst_ni     (rst_ni),
	    .clear_i    ((state_q == S_IDLE) & run_i),
	    .count_i    (running),
	    .layer_i    (f_layer[2:0]),
	    .inc_i      (inc),
	    .csr_addr_i (csr_addr_i),
	    .csr_data_o (csr_data_o)
	  );
	
	endmodule
	
