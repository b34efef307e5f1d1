	// verilator_coverage annotation
	// SEU descriptor engine: LANES SEUs (rtl/mx_seu.v) turn blocks of E codes
	// into MX blocks (docs/accelerator.md, "Schedule: seu"). In each cycle
	// from the first, LANES blocks enter, block b from block_len E codes at
	// src + b * block_len * EW (a one-element block padded with zero codes);
	// SEU_LATENCY (2) cycles later each is written OCP packed (mx_pack.h: the
	// scale byte, then block_len codes LSB first) into slot b at dst. For the
	// bfloat16 PE (A_FMT 9) a lane is mx_accel_bf16_block and a slot holds
	// block_len bfloat16 codes, little-endian. The descriptor's last cycle is
	// the last block's write.
	module mx_accel_seu_lanes #(
	  parameter integer LANES  = 4,
	  parameter integer EB     = 5,    // E: exponent bits
	  parameter integer W      = 8,    // E: code bits
	  parameter integer EW     = 1,    // bytes per E code
	  parameter integer A_FMT  = 4,    // mx_format_id of the blocks' elements
	  parameter integer ROUND  = 0,    // mx_round
	  parameter integer SLOT   = 64    // port bytes
	) (
 1360022	  input  wire                    clk_i,
 000006	  input  wire                    rst_ni,
 000030	  input  wire                    active_i,
 000150	  input  wire [31:0]             src_i,
 000162	  input  wire [31:0]             dst_i,
 000078	  input  wire [31:0]             blocks_i,
 000016	  input  wire [31:0]             block_len_i,
 000032	  output wire                    done_o,
	
 000080	  output wire [LANES-1:0]        rd_en_o,
 017874	  output wire [LANES*32-1:0]     rd_addr_o,
 000040	  output wire [LANES*8-1:0]      rd_len_o,
 51511252	  input  wire [LANES*SLOT*8-1:0] rd_data_i,
 000080	  output wire [LANES-1:0]        wr_en_o,
 021883	  output wire [LANES*32-1:0]     wr_addr_o,
 000055	  output wire [LANES*8-1:0]      wr_len_o,
 270012	  output wire [LANES*SLOT*8-1:0] wr_data_o,
	
 000032	  output wire                    c_busy_o,
 000048	  output wire [31:0]             c_blocks_o   // blocks entering (one read, one write each)
	);
	
	  `include "mx_formats.vh"
	
	  localparam BF16 = (A_FMT == 9);
	  localparam integer OCW  = BF16 ? 16 : mx_code_bits(A_FMT);
	  localparam integer SB1  = BF16 ? 2  : 1 + (OCW + 7) / 8;
	  localparam integer SB32 = BF16 ? 64 : 1 + (32 * OCW + 7) / 8;
	  localparam [31:0] LANES_C = LANES;
	  localparam [31:0] EW_C    = EW;
	
 000008	  wire        blk1  = (block_len_i == 32'd1);
 000023	  wire [31:0] sbytes = blk1 ? SB1 : SB32;
 000016	  wire [31:0] ibytes = block_len_i * EW_C;
	
 007020	  reg  [31:0] entered_q;
 000064	  reg  [1:0]  tail_q;      // entries in the SEUs' two stages: last block's
 007017	  reg  [31:0] b1_q, b2_q;  // first block of the entries in stage 1, 2
 007013	  verilator_coverage: (next point on previous line)

 000080	  reg  [LANES-1:0] v1_q, v2_q;
 000080	  verilator_coverage: (next point on previous line)

	
 000032	  wire entering = active_i & (entered_q < blocks_i);
 000034	  wire idle     = ~active_i | done_o;
	
 005912	  wire clk_s;
	  mx_accel_clock_gate u_gate (.clk_i(clk_i), .en_i(active_i), .clk_o(clk_s));
	
	  genvar l;
	  generate
	    for (l = 0; l < LANES; l = l + 1) begin : g_lane
	      wire [31:0] b  = entered_q + l;
	      wire        ok = entering & (b < blocks_i);
	      assign rd_en_o[l] = ok;
	      assign rd_addr_o[l*32 +: 32] = src_i + b * ibytes;
	      assign rd_len_o[l*8 +: 8] = ibytes[7:0];
	
	      wire [32*W-1:0] codes;
	      genvar e;
	      for (e = 0; e < 32; e = e + 1) begin : g_e
	        /* verilator lint_off UNUSEDSIGNAL */
	        wire [15:0] raw = (EW == 2) ? rd_data_i[l*SLOT*8 + e*16 +: 16]
	                                    : {8'd0, rd_data_i[l*SLOT*8 + e*8 +: 8]};
	        /* verilator lint_on UNUSEDSIGNAL */
	        assign codes[e*W +: W] = (blk1 && e != 0) ? {W{1'b0}} : raw[W-1:0];
	      end
	
	      wire [SLOT*8-1:0] slot;
	      if (BF16) begin : g_bf16
	        wire [32*16-1:0] bc;
	        // the lane moves by its schedule, not by the unit's handshake
	        /* verilator lint_off PINCONNECTEMPTY */
	        mx_accel_bf16_block #(.IN_EB(EB), .IN_W(W), .ROUND(ROUND)) u_bf16 (
	          .clk_i       (clk_s),
	          .rst_ni      (rst_ni),
	          .in_valid_i  (ok),
	          .in_ready_o  (),
	          .in_codes_i  (codes),
	          .out_valid_o (),
	          .out_ready_i (1'b1),
	          .out_codes_o (bc)
	        );
	        /* verilator lint_on PINCONNECTEMPTY */
	        assign slot = {{(SLOT*8-32*16){1'b0}}, bc};
	      end else begin : g_mx
	        wire [7:0]        scale;
	        wire [32*OCW-1:0] oc;
	        // the lane moves by its schedule, not by the SEU's handshake
	        /* verilator lint_off PINCONNECTEMPTY */
	        mx_seu #(.IN_EB(EB), .IN_W(W), .OUT_FMT(A_FMT), .ROUND(ROUND)) u_seu (
	          .clk_i       (clk_s),
	          .rst_ni      (rst_ni),
	          .in_valid_i  (ok),
	          .in_ready_o  (),
	          .in_codes_i  (codes),
	          .out_valid_o (),
	          .out_ready_i (1'b1),
	          .out_scale_o (scale),
	          .out_codes_o (oc)
	        );
	        /* verilator lint_on PINCONNECTEMPTY */
	        wire [32*OCW-1:0] oc_n = blk1 ? {{(31*OCW){1'b0}}, oc[OCW-1:0]} : oc;
	        assign slot = {{(SLOT*8-8-32*OCW){1'b0}}, oc_n, scale};
	      end
	
	      wire [31:0] wb = b2_q + l;
	      assign wr_en_o[l] = v2_q[l];
	      assign wr_addr_o[l*32 +: 32] = dst_i + wb * sbytes;
	      assign wr_len_o[l*8 +: 8] = sbytes[7:0];
	      assign wr_data_o[l*SLOT*8 +: SLOT*8] = slot;
	    end
	  endgenerate
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      entered_q <= 32'd0;
 000002	      tail_q <= 2'd0;
 000002	      b1_q <= 32'd0; b2_q <= 32'd0;
 000002	      v1_q <= {LANES{1'b0}}; v2_q <= {LANES{1'b0}};
 1354144	    end else if (idle) begin
 002940	    verilator_coverage: (next point on previous line)

 677072	      entered_q <= 32'd0;
 677072	      tail_q <= 2'd0;
 677072	      v1_q <= {LANES{1'b0}}; v2_q <= {LANES{1'b0}};
 002940	    end else begin
 002940	      entered_q <= entering ? entered_q + LANES_C : entered_q;
 002940	      tail_q <= {tail_q[0], entering & (entered_q + LANES_C >= blocks_i)};
 002940	      b1_q <= entered_q;
 002940	      b2_q <= b1_q;
 002940	      v1_q <= rd_en_o;
 002940	      v2_q <= v1_q;
	    end
	  end
	
	  assign done_o     = tail_q[1];
	  assign c_busy_o   = entering;
	  assign c_blocks_o = entering ? ((blocks_i - entered_q < LANES_C) ? blocks_i - entered_q : LANES_C)
	                               : 32'd0;
	
	endmodule
	
