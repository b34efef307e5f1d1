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
  input  wire                   clk_i,
  input  wire                   rst_ni,

  input  wire                   active_i,  // a cycle of the descriptor
  input  wire [31:0]            src_i,
  input  wire [31:0]            wdram_i,   // first weight chunk
  input  wire [31:0]            m_i,
  input  wire [31:0]            n_i,
  input  wire [31:0]            kb_i,
  input  wire [31:0]            block_len_i,
  input  wire                   conv_i,
  input  wire [31:0]            in_w_i,
  input  wire [31:0]            cin_blocks_i,
  input  wire                   pool_order_i,
  input  wire [31:0]            in_sm_i,
  input  wire [31:0]            chunk_k_i,
  output wire                   done_o,    // the descriptor's last cycle

  // DMA (weight chunks) and the DRAM's beats
  output wire                   dma_start_o,
  output wire [31:0]            dma_dram_o,
  output wire [31:0]            dma_bytes_o,
  input  wire                   dma_beat_i,
  input  wire                   dma_last_i,
  input  wire [31:0]            dma_off_i,
  output wire [31:0]            wgt_wr_addr_o, // the beat's weight-buffer address

  // activation buffer: one read port per row
  output wire [ROWS-1:0]        act_rd_en_o,
  output wire [ROWS*32-1:0]     act_rd_addr_o,
  output wire [ROWS*8-1:0]      act_rd_len_o,
  input  wire [ROWS*SLOT*8-1:0] act_rd_data_i,
  // weight buffer: a block and a bias code per column
  output wire [2*COLS-1:0]      wgt_rd_en_o,
  output wire [2*COLS*32-1:0]   wgt_rd_addr_o,
  output wire [2*COLS*8-1:0]    wgt_rd_len_o,
  /* verilator lint_off UNUSEDSIGNAL */
  input  wire [2*COLS*SLOT*8-1:0] wgt_rd_data_i, // bias ports: the low EW bytes
  /* verilator lint_on UNUSEDSIGNAL */

  // drain register -> epilogue lanes: one row per cycle
  output wire                   lane_valid_o,
  output wire [COLS*32-1:0]     lane_acc_o,
  output wire [COLS*16-1:0]     lane_bias_o,   // E codes
  output wire [31:0]            lane_mrow_o,
  output wire [31:0]            lane_n0_o,
  output wire [31:0]            lane_cols_o,

  // this cycle's counts (docs/accelerator.md, "Counters")
  output wire                   c_busy_o,
  output wire                   c_wait_dram_o,
  output wire                   c_wait_bank_o,
  output wire                   c_wait_drain_o,
  output wire [31:0]            c_act_reads_o,
  output wire [31:0]            c_wgt_reads_o,
  output wire [31:0]            c_macs_o
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

  wire        blk1  = (block_len_i == 32'd1);
  wire [31:0] aslot = blk1 ? AS1 : AS32;
  wire [31:0] wslot = blk1 ? WS1 : WS32;

  // ---- chunk geometry: (n0, k0) -> cw, kn, bias bytes, bytes ----
  function automatic [31:0] min32(input [31:0] a, input [31:0] b);
    min32 = (a < b) ? a : b;
  endfunction

  // ---- weight DMA: chunk (ld_n0, ld_k0) is the next to load ----
  reg [31:0] ld_n0_q, ld_k0_q, ld_idx_q, ld_dram_q, loaded_q, issued_q;
  reg        loading_q, ld_done_q;

  wire [31:0] ld_cw   = min32(COLS_C, n_i - ld_n0_q);
  wire [31:0] ld_kn   = min32(chunk_k_i, kb_i - ld_k0_q);
  wire [31:0] ld_bias = (ld_k0_q == 32'd0) ? ld_cw * EW_C : 32'd0;
  wire [31:0] ld_bytes = ld_bias + ld_kn * ld_cw * wslot;
  wire        ld_free = (ld_idx_q < 32'd2) | (ld_idx_q - 32'd2 < issued_q);
  wire        ld_go   = active_i & ~loading_q & ~ld_done_q & ld_free;
  // the first chunk from the descriptor, the next ones where it ended
  wire [31:0] ld_dram = (ld_idx_q == 32'd0) ? wdram_i : ld_dram_q;
  wire [31:0] ld_half = ld_idx_q[0] ? HALF_C : 32'd0;
  reg  [31:0] ld_half_q;

  assign dma_start_o   = ld_go;
  assign dma_dram_o    = ld_dram;
  assign dma_bytes_o   = ld_bytes;
  assign wgt_wr_addr_o = (ld_go ? ld_half : ld_half_q) + dma_off_i;

  wire ld_end = dma_beat_i & dma_last_i & (loading_q | ld_go);

  // next chunk after (n0, k0)
  wire [31:0] ld_k0_next = (ld_k0_q + chunk_k_i >= kb_i) ? 32'd0 : ld_k0_q + chunk_k_i;
  wire [31:0] ld_n0_next = (ld_k0_q + chunk_k_i >= kb_i) ? ld_n0_q + COLS_C : ld_n0_q;

  // Every register of the engine returns to its first-cycle value between
  // descriptors (idle, or in the last cycle), so the first cycle is like any.
  wire idle = ~active_i | done_o;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ld_n0_q   <= 32'd0;
      ld_k0_q   <= 32'd0;
      ld_idx_q  <= 32'd0;
      ld_dram_q <= 32'd0;
      ld_half_q <= 32'd0;
      loaded_q  <= 32'd0;
      loading_q <= 1'b0;
      ld_done_q <= 1'b0;
    end else if (idle) begin
      ld_n0_q   <= 32'd0;
      ld_k0_q   <= 32'd0;
      ld_idx_q  <= 32'd0;
      ld_dram_q <= 32'd0;
      ld_half_q <= 32'd0;
      loaded_q  <= 32'd0;
      loading_q <= 1'b0;
      ld_done_q <= 1'b0;
    end else begin
      if (ld_go) begin
        loading_q <= 1'b1;
        ld_half_q <= ld_half;
      end
      if (ld_end) begin
        loading_q <= 1'b0;
        ld_idx_q  <= ld_idx_q + 32'd1;
        loaded_q  <= ld_idx_q + 32'd1;
        ld_dram_q <= ld_dram + ld_bytes;
        ld_k0_q   <= ld_k0_next;
        ld_n0_q   <= ld_n0_next;
        ld_done_q <= ld_n0_next >= n_i;
      end
    end
  end

  // ---- issue position: chunk ci = (n0, k0), row tile m0, block k ----
  reg [31:0] ci_q, n0_q, k0_q, m0_q, k_q, wofs_q, tries_q;
  reg        iss_done_q;
  reg [COLS*16-1:0] bias_q;

  wire [31:0] cw    = min32(COLS_C, n_i - n0_q);
  wire [31:0] kn    = min32(chunk_k_i, kb_i - k0_q);
  wire [31:0] biasb = (k0_q == 32'd0) ? cw * EW_C : 32'd0;
  wire [31:0] rows  = min32(ROWS_C, m_i - m0_q);
  wire [31:0] half_base = ci_q[0] ? HALF_C : 32'd0;
  wire        usable = ~iss_done_q & (ci_q < loaded_q);

  // activation slots of the step's rows
  wire [31:0] ow     = in_w_i - 32'd2;
  wire [31:0] tap    = k_q / cin_blocks_i;
  wire [31:0] cb     = k_q % cin_blocks_i;
  wire [31:0] tap_kh = tap / 32'd3;
  wire [31:0] tap_kw = tap % 32'd3;
  wire [31:0] pw_n   = ow >> 1;

  wire [ROWS*32-1:0] slot;
  wire [ROWS-1:0]    row_ok;
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
  reg [31:0] worst, cnt;
  integer i, j;
  always @* begin
    worst = 32'd1;
    for (i = 0; i < ROWS; i = i + 1) begin
      cnt = 32'd0;
      for (j = 0; j < ROWS; j = j + 1) begin
        if (row_ok[i] && row_ok[j] &&
            (slot[i*32 +: 32] % ABANKS) == (slot[j*32 +: 32] % ABANKS)) begin
          cnt = cnt + 32'd1;
        end
      end
      if (cnt > worst) begin
        worst = cnt;
      end
    end
  end
  wire [31:0] wcost = (cw + WBANKS - 32'd1) / WBANKS;
  wire [31:0] cost  = (wcost > worst) ? wcost : worst;

  // ---- token pipeline (the array's control), drain register ----
  reg [L-1:0]        p_valid_q, p_last_q;
  reg [L*32-1:0]     p_m0_q, p_n0_q, p_rows_q, p_cols_q;
  reg [L*COLS*16-1:0] p_bias_q;

  reg                drain_valid_q;
  reg [31:0]         drain_row_q, d_m0_q, d_n0_q, d_rows_q, d_cols_q;
  reg [COLS*16-1:0]  d_bias_q;
  reg [ROWS*COLS*32-1:0] d_acc_q;

  wire out_valid = p_valid_q[L-1];
  wire out_last  = p_last_q[L-1];
  wire drain_ready = ~drain_valid_q | (drain_row_q + 32'd1 == d_rows_q);
  wire hold      = active_i & out_valid & out_last & ~drain_ready;
  wire adv       = active_i & ~hold;
  wire capture   = adv & out_valid & out_last;

  wire try       = adv & usable;
  wire issue     = try & (tries_q + 32'd1 >= cost);
  wire first     = (k_q == 32'd0);
  wire last      = (k_q == kb_i - 32'd1);

  // ---- buffer reads of an issuing step ----
  wire [31:0] wbase = half_base + biasb + wofs_q;
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

  wire [COLS*16-1:0] bias_now;
  generate
    for (c = 0; c < COLS; c = c + 1) begin : g_bias
      wire [15:0] code = {8'd0, wgt_rd_data_i[(COLS + c)*SLOT*8 +: 8]} |
                         ((EW == 2) ? {wgt_rd_data_i[(COLS + c)*SLOT*8 + 8 +: 8], 8'd0} : 16'd0);
      assign bias_now[c*16 +: 16] = first ? code : bias_q[c*16 +: 16];
    end
  endgenerate

  // next position: blocks of the chunk, then row tiles, then chunks
  wire        k_wrap   = (k_q + 32'd1 == k0_q + kn);
  wire [31:0] m0_next  = m0_q + ROWS_C;
  wire        chunk_end = k_wrap & ((m0_next >= m_i) | (kn < kb_i));
  wire [31:0] k0_after = (k0_q + chunk_k_i >= kb_i) ? 32'd0 : k0_q + chunk_k_i;
  wire [31:0] n0_after = (k0_q + chunk_k_i >= kb_i) ? n0_q + COLS_C : n0_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ci_q <= 32'd0; n0_q <= 32'd0; k0_q <= 32'd0; m0_q <= 32'd0; k_q <= 32'd0;
      wofs_q <= 32'd0; tries_q <= 32'd0; iss_done_q <= 1'b0; issued_q <= 32'd0;
      bias_q <= {COLS*16{1'b0}};
    end else if (idle) begin
      ci_q <= 32'd0; n0_q <= 32'd0; k0_q <= 32'd0; m0_q <= 32'd0; k_q <= 32'd0;
      wofs_q <= 32'd0; tries_q <= 32'd0; iss_done_q <= 1'b0; issued_q <= 32'd0;
      bias_q <= {COLS*16{1'b0}};
    end else if (try) begin
      if (!issue) begin
        tries_q <= tries_q + 32'd1;
      end else begin
        tries_q <= 32'd0;
        bias_q  <= bias_now;
        if (!k_wrap) begin
          k_q    <= k_q + 32'd1;
          wofs_q <= wofs_q + cw * wslot;
        end else if (!chunk_end) begin
          k_q    <= k0_q;
          wofs_q <= 32'd0;
          m0_q   <= m0_next;
        end else begin
          ci_q     <= ci_q + 32'd1;
          issued_q <= issued_q + 32'd1;
          m0_q     <= 32'd0;
          wofs_q   <= 32'd0;
          k0_q     <= k0_after;
          n0_q     <= n0_after;
          k_q      <= k0_after;
          iss_done_q <= n0_after >= n_i;
        end
      end
    end
  end

  // ---- the array: operands, PEs on a gated clock ----
  wire        pipe_busy = |p_valid_q;
  wire        arr_en    = adv & (issue | pipe_busy);
  wire [ROWS*COLS*32-1:0] pe_out;

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

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      p_valid_q <= {L{1'b0}};
      p_last_q  <= {L{1'b0}};
      p_m0_q <= {L*32{1'b0}}; p_n0_q <= {L*32{1'b0}};
      p_rows_q <= {L*32{1'b0}}; p_cols_q <= {L*32{1'b0}};
      p_bias_q <= {L*COLS*16{1'b0}};
    end else if (idle) begin
      p_valid_q <= {L{1'b0}};
    end else if (adv) begin
      p_valid_q <= {p_valid_q[L-2:0], issue};
      p_last_q  <= {p_last_q[L-2:0], last};
      p_m0_q    <= {p_m0_q[(L-1)*32-1:0], m0_q};
      p_n0_q    <= {p_n0_q[(L-1)*32-1:0], n0_q};
      p_rows_q  <= {p_rows_q[(L-1)*32-1:0], rows};
      p_cols_q  <= {p_cols_q[(L-1)*32-1:0], cw};
      p_bias_q  <= {p_bias_q[(L-1)*COLS*16-1:0], bias_now};
    end
  end

  // drain: a row to the lanes this cycle, then the captured tile
  wire drain_step = active_i & drain_valid_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      drain_valid_q <= 1'b0;
      drain_row_q <= 32'd0;
      d_m0_q <= 32'd0; d_n0_q <= 32'd0; d_rows_q <= 32'd0; d_cols_q <= 32'd0;
      d_bias_q <= {COLS*16{1'b0}};
      d_acc_q <= {ROWS*COLS{32'd0}};  // by accumulator: 64 x 64 x 32 bits exceed an 8K-bit replication
    end else if (idle) begin
      drain_valid_q <= 1'b0;
    end else begin
      if (drain_step) begin
        drain_row_q <= drain_row_q + 32'd1;
        if (drain_row_q + 32'd1 == d_rows_q) begin
          drain_valid_q <= 1'b0;
        end
      end
      if (capture) begin
        drain_valid_q <= 1'b1;
        drain_row_q <= 32'd0;
        d_m0_q   <= p_m0_q[(L-1)*32 +: 32];
        d_n0_q   <= p_n0_q[(L-1)*32 +: 32];
        d_rows_q <= p_rows_q[(L-1)*32 +: 32];
        d_cols_q <= p_cols_q[(L-1)*32 +: 32];
        d_bias_q <= p_bias_q[(L-1)*COLS*16 +: COLS*16];
        d_acc_q  <= pe_out;
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
  reg        tail_q;
  reg [31:0] tail_cnt_q;
  wire p_after_empty = ~(|p_valid_q[L-2:0]) & ~issue & ~(p_valid_q[L-1] & ~adv);
  wire d_after_empty = ~capture & ~(drain_valid_q & ~(drain_row_q + 32'd1 == d_rows_q));
  wire iss_after     = iss_done_q | (issue & chunk_end & (n0_after >= n_i));
  wire flush_end     = active_i & ~tail_q & iss_after & p_after_empty & d_after_empty;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tail_q <= 1'b0;
      tail_cnt_q <= 32'd0;
    end else if (idle) begin
      tail_q <= 1'b0;
      tail_cnt_q <= 32'd0;
    end else if (flush_end) begin
      tail_q <= 1'b1;
      tail_cnt_q <= 32'd1;
    end else if (tail_q) begin
      tail_cnt_q <= tail_cnt_q + 32'd1;
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
