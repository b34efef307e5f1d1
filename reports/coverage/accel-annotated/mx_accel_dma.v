	// verilator_coverage annotation
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
 1360022	  input  wire        clk_i,
 000006	  input  wire        rst_ni,
	
 000698	  input  wire        start_i,      // first cycle of a transfer (bytes_i >= 1)
 000006	  input  wire        write_i,      // buffer -> DRAM
 002128	  input  wire [31:0] dram_i,       // DRAM address
 001424	  input  wire [31:0] bytes_i,
	
 255080	  output wire        req_valid_o,  // a request this cycle
 000004	  output wire        req_write_o,
 308046	  output wire [31:0] req_addr_o,
 001676	  output wire [31:0] req_bytes_o,
 000584	  input  wire        beat_i,       // the oldest request moves a beat this cycle
	
 822684	  output wire [31:0] beat_off_o,   // offset of this beat's first byte in the transfer
 204122	  output wire [15:0] beat_bytes_o,
 000698	  output wire        last_o,       // this beat is the transfer's last
 000190	  output wire        busy_o        // a transfer is in progress (its first cycle included)
	);
	
	  localparam integer OW = $clog2(OUTSTANDING + 1);
	  localparam [31:0] BURST_C = BURST;
	  localparam [31:0] BPC_C   = BPC;
	  localparam [OW-1:0] OUT_MAX = OUTSTANDING[OW-1:0];
	
 000698	  reg          active_q, write_q;
 000004	  verilator_coverage: (next point on previous line)

 308030	  reg [31:0]   addr_q, to_issue_q, moved_q, total_q, rq_left_q;
 307364	  verilator_coverage: (next point on previous line)

 823216	  verilator_coverage: (next point on previous line)

 001330	  verilator_coverage: (next point on previous line)

 566232	  verilator_coverage: (next point on previous line)

 665828	  reg [OW-1:0] out_q;
	
	  // The transfer as seen in this cycle: a starting one from its inputs.
 000190	  wire          act      = start_i | active_q;
 308074	  wire [31:0]   to_issue = start_i ? bytes_i : to_issue_q;
 308046	  wire [31:0]   addr     = start_i ? dram_i : addr_q;
 822684	  wire [31:0]   moved    = start_i ? 32'd0 : moved_q;
 001330	  wire [31:0]   total    = start_i ? bytes_i : total_q;
 665828	  wire [OW-1:0] out      = start_i ? {OW{1'b0}} : out_q;
 566232	  wire [31:0]   rq_left  = start_i ? 32'd0 : rq_left_q;
	
 255080	  wire        req       = act & (to_issue != 32'd0) & (out < OUT_MAX);
 001676	  wire [31:0] req_bytes = (to_issue < BURST_C) ? to_issue : BURST_C;
	
	  // The oldest request: a new one (rq_left 0) is a full burst or the rest.
 823226	  wire [31:0] rest     = total - moved;
 721570	  wire [31:0] cur      = (rq_left != 32'd0) ? rq_left : ((rest < BURST_C) ? rest : BURST_C);
 204122	  wire [31:0] beat_n   = (cur < BPC_C) ? cur : BPC_C;
 000586	  wire        beat     = act & beat_i;
 256724	  wire        rq_done  = beat & (cur == beat_n);
 000698	  wire        last     = beat & (moved + beat_n == total);
	
	  assign req_valid_o  = req;
	  assign req_write_o  = start_i ? write_i : write_q;
	  assign req_addr_o   = addr;
	  assign req_bytes_o  = req_bytes;
	  assign beat_off_o   = moved;
	  assign beat_bytes_o = beat_n[15:0];
	  assign last_o       = last;
	  assign busy_o       = act;
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      active_q   <= 1'b0;
 000002	      write_q    <= 1'b0;
 000002	      addr_q     <= 32'd0;
 000002	      to_issue_q <= 32'd0;
 000002	      moved_q    <= 32'd0;
 000002	      total_q    <= 32'd0;
 000002	      rq_left_q  <= 32'd0;
 000002	      out_q      <= {OW{1'b0}};
 826664	    end else if (act) begin
 266680	    verilator_coverage: (next point on previous line)

 413332	      active_q   <= ~last;
 000698	      if (start_i) begin
 412983	      verilator_coverage: (next point on previous line)

 000349	        write_q <= write_i;
	      end
 413332	      total_q    <= total;
 413332	      addr_q     <= req ? addr + req_bytes : addr;
 413332	      to_issue_q <= req ? to_issue - req_bytes : to_issue;
 413332	      moved_q    <= beat ? moved + beat_n : moved;
 413332	      rq_left_q  <= beat ? cur - beat_n : rq_left;
 413332	      out_q      <= out + {{(OW-1){1'b0}}, req} - {{(OW-1){1'b0}}, rq_done};
	    end
	  end
	
	endmodule
	
