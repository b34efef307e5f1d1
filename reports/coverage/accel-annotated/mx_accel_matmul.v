	// verilator_coverage annotation
	// MATMUL engine: the output-stationary PE array with its weight DMA, issue
	// stage, token pipeline and drain register (docs/accelerator.md, "Schedule:
	// matmul"; the C model: model/accel/exec_matmul.c). Every cycle, in the
	// model's order:
	//   1. DMA: the next weight chunk starts loading when none is loading and
	//      its half of the weight buffer is free (chunk i - 2 issued its last
	//      block step in an earlier cycle); a chunk is usable the cycle after its
	//      last beat.
	//   2. Drain: the drain register gives its next row to the epilogue lanes.
	//   3. Array: if the token at the array's output ends a tile and the drain
	//      register still holds rows after step 2, the array holds. Otherwise
	//      that tile enters the drain register, the pipeline advances and the
	//      issue stage tries the next block step: it waits while its chunk is not
	//      usable and for the cycles its buffer reads need (bank conflicts).
	//   4. When every step has issued, the pipeline is empty and the drain
	//      register has given its last row, the lanes finish: the descriptor's
	//      last cycle is ACCEL_EPI_LATENCY cycles later, with the last write.
	// Chunks go column tile outer, K range inner; within a chunk row tiles,
	// within a row tile blocks in K order.
	module mx_accel_matmul #(
	  parameter integer ROWS      = 8,
	  parameter integer COLS      = 8,
	  parameter integer ACT_BANKS = 32,
	  parameter integer WGT_BANKS = 32,
	  parameter integer HALF      = 65536,  // bytes of a weight-buffer half
	  parameter integer A_FMT     = 4,      // mx_format_id of activations (9: bfloat16)
	  parameter integer W_FMT     = 4,      // of weights
	  parameter integer EW        = 1,      // bytes per E code
	  parameter integer EPI_LAT   = 7,      // ACCEL_EPI_LATENCY
	  parameter integer SLOT      = 64      // read-port bytes (largest slot)
	) (
 1360022	  input  wire                   clk_i,
 000006	  input  wire                   rst_ni,
	
 000028	  input  wire                   active_i,  // a cycle of the descriptor
 000150	  input  wire [31:0]            src_i,
 000126	  input  wire [31:0]            wdram_i,   // first weight chunk
 000060	  input  wire [31:0]            m_i,
 000034	  input  wire [31:0]            n_i,
 000050	  input  wire [31:0]            kb_i,
 000016	  input  wire [31:0]            block_len_i,
 000016	  input  wire                   conv_i,
 000048	  input  wire [31:0]            in_w_i,
 000016	  input  wire [31:0]            cin_blocks_i,
 000008	  input  wire                   pool_order_i,
 000030	  input  wire [31:0]            in_sm_i,
 000066	  input  wire [31:0]            chunk_k_i,
 000028	  output wire                   done_o,    // the descriptor's last cycle
	
	  // DMA (weight chunks) and the DRAM's beats
 000680	  output wire                   dma_start_o,
 002096	  output wire [31:0]            dma_dram_o,
 001378	  output wire [31:0]            dma_bytes_o,
 000584	  input  wire                   dma_beat_i,
 000698	  input  wire                   dma_last_i,
 822684	  input  wire [31:0]            dma_off_i,
 823018	  output wire [31:0]            wgt_wr_addr_o, // the beat's weight-buffer address
	
	  // activation buffer: one read port per row
 987060	  output wire [ROWS-1:0]        act_rd_en_o,
 1968458	  output wire [ROWS*32-1:0]     act_rd_addr_o,
 000083	  output wire [ROWS*8-1:0]      act_rd_len_o,
 62697780	  input  wire [ROWS*SLOT*8-1:0] act_rd_data_i,
	  // weight buffer: a block and a bias code per column
 1542352	  output wire [2*COLS-1:0]      wgt_rd_en_o,
 2306330	  output wire [2*COLS*32-1:0]   wgt_rd_addr_o,
 000110	  output wire [2*COLS*8-1:0]    wgt_rd_len_o,
	  /* verilator lint_off UNUSEDSIGNAL */
 71253280	  input  wire [2*COLS*SLOT*8-1:0] wgt_rd_data_i, // bias ports: the low EW bytes
	  /* verilator lint_on UNUSEDSIGNAL */
	
	  // drain register -> epilogue lanes: one row per cycle
 031132	  output wire                   lane_valid_o,
 3014598	  output wire [COLS*32-1:0]     lane_acc_o,
 003907	  output wire [COLS*16-1:0]     lane_bias_o,   // E codes
 107626	  output wire [31:0]            lane_mrow_o,
 000437	  output wire [31:0]            lane_n0_o,
 000029	  output wire [31:0]            lane_cols_o,
	
	  // this cycle's counts (docs/accelerator.md, "Counters")
 314696	  output wire                   c_busy_o,
 000520	  output wire                   c_wait_dram_o,
 314688	  output wire                   c_wait_bank_o,
%000000	  output wire                   c_wait_drain_o,
 446244	  output wire [31:0]            c_act_reads_o,
 464222	  output wire [31:0]            c_wgt_reads_o,
 723968	  output wire [31:0]            c_macs_o
	);
	
	  `include "mx_formats.vh"
	
	  localparam BF16 = (A_FMT == 9);
	  // array latency: the MX array registers its operands before the PE (3),
	  // the bfloat16 PE registers them itself (4)
	  localparam integer L    = 4;
	  localparam integer ACW  = BF16 ? 16 : mx_code_bits(A_FMT);
	  localparam integer WCW  = BF16 ? 16 : mx_code_bits(W_FMT);
	  // slot bytes for blocks of 1 and of 32 elements (program.h, accel_slot_bytes)
	  localparam integer AS1  = BF16 ? 2  : 1 + (ACW + 7) / 8;
	  localparam integer AS32 = BF16 ? 64 : 1 + (32 * ACW + 7) / 8;
	  localparam integer WS1  = BF16 ? 2  : 1 + (WCW + 7) / 8;
	  localparam integer WS32 = BF16 ? 64 : 1 + (32 * WCW + 7) / 8;
	  localparam [31:0] ROWS_C = ROWS;
	  localparam [31:0] COLS_C = COLS;
	  localparam [31:0] EW_C   = EW;
	  localparam [31:0] HALF_C = HALF;
	  localparam [31:0] ABANKS = ACT_BANKS;
	  localparam [31:0] WBANKS = WGT_BANKS;
	  localparam [31:0] EPI_C  = EPI_LAT;
	
 000008	  wire        blk1  = (block_len_i == 32'd1);
 000023	  wire [31:0] aslot = blk1 ? AS1 : AS32;
 000023	  wire [31:0] wslot = blk1 ? WS1 : WS32;
	
	  // ---- chunk geometry: (n0, k0) -> cw, kn, bias bytes, bytes ----
 000020	  function automatic [31:0] min32(input [31:0] a, input [31:0] b);
 000010	    min32 = (a < b) ? a : b;
	  endfunction
	
	  // ---- weight DMA: chunk (ld_n0, ld_k0) is the next to load ----
 000480	  reg [31:0] ld_n0_q, ld_k0_q, ld_idx_q, ld_dram_q, loaded_q, issued_q;
 000976	  verilator_coverage: (next point on previous line)

 000680	  verilator_coverage: (next point on previous line)

 002056	  verilator_coverage: (next point on previous line)

 000680	  verilator_coverage: (next point on previous line)

 000680	  verilator_coverage: (next point on previous line)

 000680	  reg        loading_q, ld_done_q;
 000028	  verilator_coverage: (next point on previous line)

	
 000072	  wire [31:0] ld_cw   = min32(COLS_C, n_i - ld_n0_q);
 000606	  wire [31:0] ld_kn   = min32(chunk_k_i, kb_i - ld_k0_q);
 000296	  wire [31:0] ld_bias = (ld_k0_q == 32'd0) ? ld_cw * EW_C : 32'd0;
 001378	  wire [31:0] ld_bytes = ld_bias + ld_kn * ld_cw * wslot;
 000162	  wire        ld_free = (ld_idx_q < 32'd2) | (ld_idx_q - 32'd2 < issued_q);
 000680	  wire        ld_go   = active_i & ~loading_q & ~ld_done_q & ld_free;
	  // the first chunk from the descriptor, the next ones where it ended
 002096	  wire [31:0] ld_dram = (ld_idx_q == 32'd0) ? wdram_i : ld_dram_q;
 000346	  wire [31:0] ld_half = ld_idx_q[0] ? HALF_C : 32'd0;
 000334	  reg  [31:0] ld_half_q;
	
	  assign dma_start_o   = ld_go;
	  assign dma_dram_o    = ld_dram;
	  assign dma_bytes_o   = ld_bytes;
	  assign wgt_wr_addr_o = (ld_go ? ld_half : ld_half_q) + dma_off_i;
	
 000680	  wire ld_end = dma_beat_i & dma_last_i & (loading_q | ld_go);
	
	  // next chunk after (n0, k0)
 001004	  wire [31:0] ld_k0_next = (ld_k0_q + chunk_k_i >= kb_i) ? 32'd0 : ld_k0_q + chunk_k_i;
 000503	  wire [31:0] ld_n0_next = (ld_k0_q + chunk_k_i >= kb_i) ? ld_n0_q + COLS_C : ld_n0_q;
	
	  // Every register of the engine returns to its first-cycle value between
	  // descriptors (idle, or in the last cycle), so the first cycle is like any.
 000030	  wire idle = ~active_i | done_o;
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      ld_n0_q   <= 32'd0;
 000002	      ld_k0_q   <= 32'd0;
 000002	      ld_idx_q  <= 32'd0;
 000002	      ld_dram_q <= 32'd0;
 000002	      ld_half_q <= 32'd0;
 000002	      loaded_q  <= 32'd0;
 000002	      loading_q <= 1'b0;
 000002	      ld_done_q <= 1'b0;
 007460	    end else if (idle) begin
 676282	    verilator_coverage: (next point on previous line)

 003730	      ld_n0_q   <= 32'd0;
 003730	      ld_k0_q   <= 32'd0;
 003730	      ld_idx_q  <= 32'd0;
 003730	      ld_dram_q <= 32'd0;
 003730	      ld_half_q <= 32'd0;
 003730	      loaded_q  <= 32'd0;
 003730	      loading_q <= 1'b0;
 003730	      ld_done_q <= 1'b0;
 676282	    end else begin
 000680	      if (ld_go) begin
 675942	      verilator_coverage: (next point on previous line)

 000340	        loading_q <= 1'b1;
 000340	        ld_half_q <= ld_half;
	      end
 000680	      if (ld_end) begin
 675942	      verilator_coverage: (next point on previous line)

 000340	        loading_q <= 1'b0;
 000340	        ld_idx_q  <= ld_idx_q + 32'd1;
 000340	        loaded_q  <= ld_idx_q + 32'd1;
 000340	        ld_dram_q <= ld_dram + ld_bytes;
 000340	        ld_k0_q   <= ld_k0_next;
 000340	        ld_n0_q   <= ld_n0_next;
 000340	        ld_done_q <= ld_n0_next >= n_i;
	      end
	    end
	  end
	
	  // ---- issue position: chunk ci = (n0, k0), row tile m0, block k ----
 000680	  reg [31:0] ci_q, n0_q, k0_q, m0_q, k_q, wofs_q, tries_q;
 000480	  verilator_coverage: (next point on previous line)

 000976	  verilator_coverage: (next point on previous line)

 038916	  verilator_coverage: (next point on previous line)

 299196	  verilator_coverage: (next point on previous line)

 507176	  verilator_coverage: (next point on previous line)

 314688	  verilator_coverage: (next point on previous line)

 000028	  reg        iss_done_q;
 004226	  reg [COLS*16-1:0] bias_q;
	
 000072	  wire [31:0] cw    = min32(COLS_C, n_i - n0_q);
 000606	  wire [31:0] kn    = min32(chunk_k_i, kb_i - k0_q);
 000296	  wire [31:0] biasb = (k0_q == 32'd0) ? cw * EW_C : 32'd0;
 000064	  wire [31:0] rows  = min32(ROWS_C, m_i - m0_q);
 000346	  wire [31:0] half_base = ci_q[0] ? HALF_C : 32'd0;
 000520	  wire        usable = ~iss_done_q & (ci_q < loaded_q);
	
	  // activation slots of the step's rows
 000518	  wire [31:0] ow     = in_w_i - 32'd2;
 247488	  wire [31:0] tap    = k_q / cin_blocks_i;
%000000	  wire [31:0] cb     = k_q % cin_blocks_i;
 061872	  wire [31:0] tap_kh = tap / 32'd3;
 185616	  wire [31:0] tap_kw = tap % 32'd3;
 000518	  wire [31:0] pw_n   = ow >> 1;
	
 1442984	  wire [ROWS*32-1:0] slot;
 000128	  wire [ROWS-1:0]    row_ok;
	  genvar r;
	  generate
	    for (r = 0; r < ROWS; r = r + 1) begin : g_row
	      wire [31:0] mr  = m0_q + r;
	      wire [31:0] win = mr >> 2;
	      wire [31:0] h   = pool_order_i ? ((win / pw_n) << 1) + {31'd0, mr[1]} : mr / ow;
	      wire [31:0] w   = pool_order_i ? ((win % pw_n) << 1) + {31'd0, mr[0]} : mr % ow;
	      wire [31:0] pin = (h + tap_kh) * in_w_i + w + tap_kw;
	      assign slot[r*32 +: 32] = conv_i ? pin * cin_blocks_i + cb : mr * in_sm_i + k_q;
	      assign row_ok[r] = (r < rows);
	    end
	  endgenerate
	
	  // read cycles: the most valid rows in one bank, and the columns' banks
 000002	  reg [31:0] worst, cnt;
 000044	  verilator_coverage: (next point on previous line)

	  integer i, j;
 000004	  always @* begin
 000002	    worst = 32'd1;
 000002	    for (i = 0; i < ROWS; i = i + 1) begin
 000014	    verilator_coverage: (next point on previous line)

 000007	      cnt = 32'd0;
 000007	      for (j = 0; j < ROWS; j = j + 1) begin
 000050	      verilator_coverage: (next point on previous line)

 2899252	        if (row_ok[i] && row_ok[j] &&
 7753423	        verilator_coverage: (next point on previous line)

 1449626	            (slot[i*32 +: 32] % ABANKS) == (slot[j*32 +: 32] % ABANKS)) begin
 1449626	          cnt = cnt + 32'd1;
	        end
	      end
%000000	      if (cnt > worst) begin
 2480463	      verilator_coverage: (next point on previous line)

%000000	        worst = cnt;
	      end
	    end
	  end
 000058	  wire [31:0] wcost = (cw + WBANKS - 32'd1) / WBANKS;
 000090	  wire [31:0] cost  = (wcost > worst) ? wcost : worst;
	
	  // ---- token pipeline (the array's control), drain register ----
 1258784	  reg [L-1:0]        p_valid_q, p_last_q;
 124528	  verilator_coverage: (next point on previous line)

 155664	  reg [L*32-1:0]     p_m0_q, p_n0_q, p_rows_q, p_cols_q;
 001904	  verilator_coverage: (next point on previous line)

 000152	  verilator_coverage: (next point on previous line)

 000180	  verilator_coverage: (next point on previous line)

 3072544	  reg [L*COLS*16-1:0] p_bias_q;
	
 031132	  reg                drain_valid_q;
 107626	  reg [31:0]         drain_row_q, d_m0_q, d_n0_q, d_rows_q, d_cols_q;
 038916	  verilator_coverage: (next point on previous line)

 000437	  verilator_coverage: (next point on previous line)

 000038	  verilator_coverage: (next point on previous line)

 000029	  verilator_coverage: (next point on previous line)

 003907	  reg [COLS*16-1:0]  d_bias_q;
 2080509	  reg [ROWS*COLS*32-1:0] d_acc_q;
	
 314696	  wire out_valid = p_valid_q[L-1];
 031132	  wire out_last  = p_last_q[L-1];
 030966	  wire drain_ready = ~drain_valid_q | (drain_row_q + 32'd1 == d_rows_q);
%000000	  wire hold      = active_i & out_valid & out_last & ~drain_ready;
 000028	  wire adv       = active_i & ~hold;
 031132	  wire capture   = adv & out_valid & out_last;
	
 000520	  wire try       = adv & usable;
 314696	  wire issue     = try & (tries_q + 32'd1 >= cost);
 031134	  wire first     = (k_q == 32'd0);
 031132	  wire last      = (k_q == kb_i - 32'd1);
	
	  // ---- buffer reads of an issuing step ----
 507698	  wire [31:0] wbase = half_base + biasb + wofs_q;
	  generate
	    for (r = 0; r < ROWS; r = r + 1) begin : g_ard
	      assign act_rd_en_o[r] = issue & row_ok[r];
	      assign act_rd_addr_o[r*32 +: 32] = src_i + slot[r*32 +: 32] * aslot;
	      assign act_rd_len_o[r*8 +: 8] = aslot[7:0];
	    end
	  endgenerate
	  genvar c;
	  generate
	    for (c = 0; c < COLS; c = c + 1) begin : g_wrd
	      wire col_ok = (c < cw);
	      assign wgt_rd_en_o[c] = issue & col_ok;
	      assign wgt_rd_addr_o[c*32 +: 32] = wbase + c * wslot;
	      assign wgt_rd_len_o[c*8 +: 8] = wslot[7:0];
	      assign wgt_rd_en_o[COLS + c] = issue & first & col_ok;
	      assign wgt_rd_addr_o[(COLS + c)*32 +: 32] = half_base + c * EW;
	      assign wgt_rd_len_o[(COLS + c)*8 +: 8] = EW_C[7:0];
	    end
	  endgenerate
	
 768136	  wire [COLS*16-1:0] bias_now;
	  generate
	    for (c = 0; c < COLS; c = c + 1) begin : g_bias
	      wire [15:0] code = {8'd0, wgt_rd_data_i[(COLS + c)*SLOT*8 +: 8]} |
	                         ((EW == 2) ? {wgt_rd_data_i[(COLS + c)*SLOT*8 + 8 +: 8], 8'd0} : 16'd0);
	      assign bias_now[c*16 +: 16] = first ? code : bias_q[c*16 +: 16];
	    end
	  endgenerate
	
	  // next position: blocks of the chunk, then row tiles, then chunks
 031440	  wire        k_wrap   = (k_q + 32'd1 == k0_q + kn);
 039035	  wire [31:0] m0_next  = m0_q + ROWS_C;
 000680	  wire        chunk_end = k_wrap & ((m0_next >= m_i) | (kn < kb_i));
 001004	  wire [31:0] k0_after = (k0_q + chunk_k_i >= kb_i) ? 32'd0 : k0_q + chunk_k_i;
 000503	  wire [31:0] n0_after = (k0_q + chunk_k_i >= kb_i) ? n0_q + COLS_C : n0_q;
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      ci_q <= 32'd0; n0_q <= 32'd0; k0_q <= 32'd0; m0_q <= 32'd0; k_q <= 32'd0;
 000002	      wofs_q <= 32'd0; tries_q <= 32'd0; iss_done_q <= 1'b0; issued_q <= 32'd0;
 000002	      bias_q <= {COLS*16{1'b0}};
 007460	    end else if (idle) begin
 003730	      ci_q <= 32'd0; n0_q <= 32'd0; k0_q <= 32'd0; m0_q <= 32'd0; k_q <= 32'd0;
 003730	      wofs_q <= 32'd0; tries_q <= 32'd0; iss_done_q <= 1'b0; issued_q <= 32'd0;
 003730	      bias_q <= {COLS*16{1'b0}};
 645016	    end else if (try) begin
 353774	    verilator_coverage: (next point on previous line)

 314688	      if (!issue) begin
 165164	      verilator_coverage: (next point on previous line)

 157344	        tries_q <= tries_q + 32'd1;
 165164	      end else begin
 165164	        tries_q <= 32'd0;
 165164	        bias_q  <= bias_now;
 298888	        if (!k_wrap) begin
 149444	          k_q    <= k_q + 32'd1;
 149444	          wofs_q <= wofs_q + cw * wslot;
 030760	        end else if (!chunk_end) begin
 000340	        verilator_coverage: (next point on previous line)

 015380	          k_q    <= k0_q;
 015380	          wofs_q <= 32'd0;
 015380	          m0_q   <= m0_next;
 000340	        end else begin
 000340	          ci_q     <= ci_q + 32'd1;
 000340	          issued_q <= issued_q + 32'd1;
 000340	          m0_q     <= 32'd0;
 000340	          wofs_q   <= 32'd0;
 000340	          k0_q     <= k0_after;
 000340	          n0_q     <= n0_after;
 000340	          k_q      <= k0_after;
 000340	          iss_done_q <= n0_after >= n_i;
	        end
	      end
	    end
	  end
	
	  // ---- the array: operands, PEs on a gated clock ----
 000520	  wire        pipe_busy = |p_valid_q;
 000520	  wire        arr_en    = adv & (issue | pipe_busy);
 18408589	  wire [ROWS*COLS*32-1:0] pe_out;
	
	  mx_accel_array #(
	    .ROWS(ROWS), .COLS(COLS), .A_FMT(A_FMT), .W_FMT(W_FMT), .SLOT(SLOT)
	  ) u_array (
	    .clk_i       (clk_i),
	    .rst_ni      (rst_ni),
	    .en_i        (arr_en),
	    .issue_i     (issue),
	    .blk1_i      (blk1),
	    .first_i     (first),
	    .last_i      (last),
	    .rows_i      (rows),
	    .cols_i      (cw),
	    .act_i       (act_rd_data_i),
	    .wgt_i       (wgt_rd_data_i[COLS*SLOT*8-1:0]),
	    .out_o       (pe_out)
	  );
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      p_valid_q <= {L{1'b0}};
 000002	      p_last_q  <= {L{1'b0}};
 000002	      p_m0_q <= {L*32{1'b0}}; p_n0_q <= {L*32{1'b0}};
 000002	      p_rows_q <= {L*32{1'b0}}; p_cols_q <= {L*32{1'b0}};
 000002	      p_bias_q <= {L*COLS*16{1'b0}};
 007460	    end else if (idle) begin
 003730	      p_valid_q <= {L{1'b0}};
 1352564	    end else if (adv) begin
%000000	    verilator_coverage: (next point on previous line)

 676282	      p_valid_q <= {p_valid_q[L-2:0], issue};
 676282	      p_last_q  <= {p_last_q[L-2:0], last};
 676282	      p_m0_q    <= {p_m0_q[(L-1)*32-1:0], m0_q};
 676282	      p_n0_q    <= {p_n0_q[(L-1)*32-1:0], n0_q};
 676282	      p_rows_q  <= {p_rows_q[(L-1)*32-1:0], rows};
 676282	      p_cols_q  <= {p_cols_q[(L-1)*32-1:0], cw};
 676282	      p_bias_q  <= {p_bias_q[(L-1)*COLS*16-1:0], bias_now};
	    end
	  end
	
	  // drain: a row to the lanes this cycle, then the captured tile
 031132	  wire drain_step = active_i & drain_valid_q;
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      drain_valid_q <= 1'b0;
 000002	      drain_row_q <= 32'd0;
 000002	      d_m0_q <= 32'd0; d_n0_q <= 32'd0; d_rows_q <= 32'd0; d_cols_q <= 32'd0;
 000002	      d_bias_q <= {COLS*16{1'b0}};
 000002	      d_acc_q <= {ROWS*COLS{32'd0}};  // by accumulator: 64 x 64 x 32 bits exceed an 8K-bit replication
 007460	    end else if (idle) begin
 676282	    verilator_coverage: (next point on previous line)

 003730	      drain_valid_q <= 1'b0;
 676282	    end else begin
 107628	      if (drain_step) begin
 622468	      verilator_coverage: (next point on previous line)

 053814	        drain_row_q <= drain_row_q + 32'd1;
 031132	        if (drain_row_q + 32'd1 == d_rows_q) begin
 038248	        verilator_coverage: (next point on previous line)

 015566	          drain_valid_q <= 1'b0;
	        end
	      end
 031132	      if (capture) begin
 660716	      verilator_coverage: (next point on previous line)

 015566	        drain_valid_q <= 1'b1;
 015566	        drain_row_q <= 32'd0;
 015566	        d_m0_q   <= p_m0_q[(L-1)*32 +: 32];
 015566	        d_n0_q   <= p_n0_q[(L-1)*32 +: 32];
 015566	        d_rows_q <= p_rows_q[(L-1)*32 +: 32];
 015566	        d_cols_q <= p_cols_q[(L-1)*32 +: 32];
 015566	        d_bias_q <= p_bias_q[(L-1)*COLS*16 +: COLS*16];
 015566	        d_acc_q  <= pe_out;
	      end
	    end
	  end
	
	  assign lane_valid_o = drain_step;
	  assign lane_acc_o   = d_acc_q[drain_row_q[5:0]*COLS*32 +: COLS*32];
	  assign lane_bias_o  = d_bias_q;
	  assign lane_mrow_o  = d_m0_q + drain_row_q;
	  assign lane_n0_o    = d_n0_q;
	  assign lane_cols_o  = d_cols_q;
	
	  // ---- the end: everything issued, pipeline and drain empty, then the lanes ----
 000028	  reg        tail_q;
 000196	  reg [31:0] tail_cnt_q;
 000522	  wire p_after_empty = ~(|p_valid_q[L-2:0]) & ~issue & ~(p_valid_q[L-1] & ~adv);
 031134	  wire d_after_empty = ~capture & ~(drain_valid_q & ~(drain_row_q + 32'd1 == d_rows_q));
 000028	  wire iss_after     = iss_done_q | (issue & chunk_end & (n0_after >= n_i));
 000028	  wire flush_end     = active_i & ~tail_q & iss_after & p_after_empty & d_after_empty;
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      tail_q <= 1'b0;
 000002	      tail_cnt_q <= 32'd0;
 007460	    end else if (idle) begin
 003730	      tail_q <= 1'b0;
 003730	      tail_cnt_q <= 32'd0;
 000028	    end else if (flush_end) begin
 000014	      tail_q <= 1'b1;
 000014	      tail_cnt_q <= 32'd1;
 000168	    end else if (tail_q) begin
 676184	    verilator_coverage: (next point on previous line)

 000084	      tail_cnt_q <= tail_cnt_q + 32'd1;
	    end
	  end
	  // the lanes write the last row EPI_LAT cycles after it entered (an end
	  // without a row in the lanes ends at once)
	  assign done_o = (flush_end & ~drain_step) | (tail_q & (tail_cnt_q == EPI_C));
	
	  // ---- counts ----
	  assign c_busy_o       = issue;
	  assign c_wait_dram_o  = adv & ~iss_done_q & ~(ci_q < loaded_q);
	  assign c_wait_bank_o  = try & ~issue;
	  assign c_wait_drain_o = hold;
	  assign c_act_reads_o  = issue ? rows : 32'd0;
	  assign c_wgt_reads_o  = issue ? (first ? cw + cw : cw) : 32'd0;
	  assign c_macs_o       = issue ? rows * cw * block_len_i : 32'd0;
	
	endmodule
	
