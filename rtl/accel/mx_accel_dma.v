// DMA: one transfer at a time between DRAM and a buffer, by the DRAM rule
// of docs/accelerator.md ("Schedule"): in every cycle, while bytes of the
// transfer remain unrequested and fewer than OUTSTANDING requests are in
// flight, one request of min(BURST, remaining) bytes (from the transfer's
// first cycle, the cycle of start_i); the DRAM answers in request order with
// one beat of min(BPC, the oldest request's remaining bytes) per cycle
// (beat_i). The transfer ends with its last beat (last_o).
module mx_accel_dma #(
  parameter integer BPC         = 16,  // DRAM bus bytes per cycle
  parameter integer BURST       = 64,  // bytes per request
  parameter integer OUTSTANDING = 32   // requests in flight at most
) (
  input  wire        clk_i,
  input  wire        rst_ni,

  input  wire        start_i,      // first cycle of a transfer (bytes_i >= 1)
  input  wire        write_i,      // buffer -> DRAM
  input  wire [31:0] dram_i,       // DRAM address
  input  wire [31:0] bytes_i,

  output wire        req_valid_o,  // a request this cycle
  output wire        req_write_o,
  output wire [31:0] req_addr_o,
  output wire [31:0] req_bytes_o,
  input  wire        beat_i,       // the oldest request moves a beat this cycle

  output wire [31:0] beat_off_o,   // offset of this beat's first byte in the transfer
  output wire [15:0] beat_bytes_o,
  output wire        last_o,       // this beat is the transfer's last
  output wire        busy_o        // a transfer is in progress (its first cycle included)
);

  localparam integer OW = $clog2(OUTSTANDING + 1);
  localparam [31:0] BURST_C = BURST;
  localparam [31:0] BPC_C   = BPC;
  localparam [OW-1:0] OUT_MAX = OUTSTANDING[OW-1:0];

  reg          active_q, write_q;
  reg [31:0]   addr_q, to_issue_q, moved_q, total_q, rq_left_q;
  reg [OW-1:0] out_q;

  // The transfer as seen in this cycle: a starting one from its inputs.
  wire          act      = start_i | active_q;
  wire [31:0]   to_issue = start_i ? bytes_i : to_issue_q;
  wire [31:0]   addr     = start_i ? dram_i : addr_q;
  wire [31:0]   moved    = start_i ? 32'd0 : moved_q;
  wire [31:0]   total    = start_i ? bytes_i : total_q;
  wire [OW-1:0] out      = start_i ? {OW{1'b0}} : out_q;
  wire [31:0]   rq_left  = start_i ? 32'd0 : rq_left_q;

  wire        req       = act & (to_issue != 32'd0) & (out < OUT_MAX);
  wire [31:0] req_bytes = (to_issue < BURST_C) ? to_issue : BURST_C;

  // The oldest request: a new one (rq_left 0) is a full burst or the rest.
  wire [31:0] rest     = total - moved;
  wire [31:0] cur      = (rq_left != 32'd0) ? rq_left : ((rest < BURST_C) ? rest : BURST_C);
  wire [31:0] beat_n   = (cur < BPC_C) ? cur : BPC_C;
  wire        beat     = act & beat_i;
  wire        rq_done  = beat & (cur == beat_n);
  wire        last     = beat & (moved + beat_n == total);

  assign req_valid_o  = req;
  assign req_write_o  = start_i ? write_i : write_q;
  assign req_addr_o   = addr;
  assign req_bytes_o  = req_bytes;
  assign beat_off_o   = moved;
  assign beat_bytes_o = beat_n[15:0];
  assign last_o       = last;
  assign busy_o       = act;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      active_q   <= 1'b0;
      write_q    <= 1'b0;
      addr_q     <= 32'd0;
      to_issue_q <= 32'd0;
      moved_q    <= 32'd0;
      total_q    <= 32'd0;
      rq_left_q  <= 32'd0;
      out_q      <= {OW{1'b0}};
    end else if (act) begin
      active_q   <= ~last;
      if (start_i) begin
        write_q <= write_i;
      end
      total_q    <= total;
      addr_q     <= req ? addr + req_bytes : addr;
      to_issue_q <= req ? to_issue - req_bytes : to_issue;
      moved_q    <= beat ? moved + beat_n : moved;
      rq_left_q  <= beat ? cur - beat_n : rq_left;
      out_q      <= out + {{(OW-1){1'b0}}, req} - {{(OW-1){1'b0}}, rq_done};
    end
  end

endmodule
