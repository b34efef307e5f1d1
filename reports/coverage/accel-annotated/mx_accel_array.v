	// verilator_coverage annotation
	// The PE array: ROWS x COLS dot-product PEs in lock step on one gated
	// clock (docs/accelerator.md, "Units: PE array"). Row r's activation block
	// is broadcast along the row, column c's weight block down the column. A
	// block step's operands arrive from the buffers' read ports in its issue
	// cycle; the MX array registers them (with the step's control) before its
	// PEs (PE latency 3), the bfloat16 PE registers them itself (latency 4), so
	// the array's latency is 4 either way. The array holds by not clocking:
	// en_i is low in cycles without work and while the drain register is full.
	// Stored blocks (program.h, accel_slot_bytes): MX slots are the E8M0 scale
	// byte then the element codes LSB first (mx_pack.h); bfloat16 slots are
	// little-endian codes. A one-element block has its other codes zero.
	module mx_accel_array #(
	  parameter integer ROWS  = 8,
	  parameter integer COLS  = 8,
	  parameter integer A_FMT = 4,   // mx_format_id (9: bfloat16 PE)
	  parameter integer W_FMT = 4,
	  parameter integer SLOT  = 64   // bytes per operand bus
	) (
 1360022	  input  wire                   clk_i,
 000006	  input  wire                   rst_ni,
 000520	  input  wire                   en_i,      // the array advances this cycle
 314696	  input  wire                   issue_i,   // a block step enters
 000008	  input  wire                   blk1_i,    // one-element blocks
 031134	  input  wire                   first_i,
 031132	  input  wire                   last_i,
 000064	  input  wire [31:0]            rows_i,    // valid rows of the step
 000072	  input  wire [31:0]            cols_i,    // valid columns
 62697780	  input  wire [ROWS*SLOT*8-1:0] act_i,     // row r's slot at [r*SLOT*8 +: ...]
 217224088	  input  wire [COLS*SLOT*8-1:0] wgt_i,
 18408589	  output wire [ROWS*COLS*32-1:0] out_o     // PE (r, c)'s accumulator
	);
	
	  `include "mx_formats.vh"
	
	  localparam BF16 = (A_FMT == 9);
	  localparam integer ACW  = BF16 ? 16 : mx_code_bits(A_FMT);
	  localparam integer WCW  = BF16 ? 16 : mx_code_bits(W_FMT);
	
 646584	  wire clk_arr;
	  mx_accel_clock_gate u_gate (.clk_i(clk_i), .en_i(en_i), .clk_o(clk_arr));
	
	  genvar r, c;
	  generate
	    if (!BF16) begin : g_mx
	      // operand registers: the step's control and its unpacked blocks
	      reg            v_q, first_q, last_q;
	      reg [31:0]     rows_q, cols_q;
	      reg [ROWS*8-1:0]      a_scale_q;
	      reg [ROWS*32*ACW-1:0] a_codes_q;
	      reg [COLS*8-1:0]      w_scale_q;
	      reg [COLS*32*WCW-1:0] w_codes_q;
	
	      wire [ROWS*32*ACW-1:0] a_codes;
	      wire [COLS*32*WCW-1:0] w_codes;
	      for (r = 0; r < ROWS; r = r + 1) begin : g_a
	        wire [32*ACW-1:0] all = act_i[r*SLOT*8 + 8 +: 32*ACW];
	        assign a_codes[r*32*ACW +: 32*ACW] =
	          blk1_i ? {{(31*ACW){1'b0}}, all[ACW-1:0]} : all;
	      end
	      for (c = 0; c < COLS; c = c + 1) begin : g_w
	        wire [32*WCW-1:0] all = wgt_i[c*SLOT*8 + 8 +: 32*WCW];
	        assign w_codes[c*32*WCW +: 32*WCW] =
	          blk1_i ? {{(31*WCW){1'b0}}, all[WCW-1:0]} : all;
	      end
	
	      integer k;
 338258	      always @(posedge clk_arr or negedge rst_ni) begin
 000002	        if (!rst_ni) begin
 169128	        verilator_coverage: (next point on previous line)

 000001	          v_q <= 1'b0; first_q <= 1'b0; last_q <= 1'b0;
 000001	          rows_q <= 32'd0; cols_q <= 32'd0;
	          // replications of codes, not bits: under Verilator's 8K-count
	          // WIDTHCONCAT limit up to the largest arrays (64 x 16-bit codes x 32)
 000001	          a_scale_q <= {ROWS*8{1'b0}}; a_codes_q <= {ROWS*32{{ACW{1'b0}}}};
 000001	          w_scale_q <= {COLS*8{1'b0}}; w_codes_q <= {COLS*32{{WCW{1'b0}}}};
 169128	        end else begin
 169128	          v_q <= issue_i;
 168528	          if (issue_i) begin
 084864	          verilator_coverage: (next point on previous line)

 084264	            first_q <= first_i;
 084264	            last_q  <= last_i;
 084264	            rows_q  <= rows_i;
 084264	            cols_q  <= cols_i;
 084264	            for (k = 0; k < ROWS; k = k + 1) begin
 674112	            verilator_coverage: (next point on previous line)

 337056	              a_scale_q[k*8 +: 8] <= act_i[k*SLOT*8 +: 8];
	            end
 084264	            for (k = 0; k < COLS; k = k + 1) begin
 674112	            verilator_coverage: (next point on previous line)

 337056	              w_scale_q[k*8 +: 8] <= wgt_i[k*SLOT*8 +: 8];
	            end
 084264	            a_codes_q <= a_codes;
 084264	            w_codes_q <= w_codes;
	          end
	        end
	      end
	
	      for (r = 0; r < ROWS; r = r + 1) begin : g_r
	        for (c = 0; c < COLS; c = c + 1) begin : g_c
	          // the array moves by its clock, not by the PEs' handshake: ready/valid outputs unused
	          /* verilator lint_off PINCONNECTEMPTY */
	          mx_pe #(.A_FMT(A_FMT), .W_FMT(W_FMT)) u_pe (
	            .clk_i       (clk_arr),
	            .rst_ni      (rst_ni),
	            .in_valid_i  (v_q & (r < rows_q) & (c < cols_q)),
	            .in_ready_o  (),
	            .in_first_i  (first_q),
	            .in_last_i   (last_q),
	            .a_scale_i   (a_scale_q[r*8 +: 8]),
	            .a_codes_i   (a_codes_q[r*32*ACW +: 32*ACW]),
	            .w_scale_i   (w_scale_q[c*8 +: 8]),
	            .w_codes_i   (w_codes_q[c*32*WCW +: 32*WCW]),
	            .out_valid_o (),
	            .out_ready_i (1'b1),
	            .out_data_o  (out_o[(r*COLS + c)*32 +: 32])
	          );
	        end
	      end
	    end else begin : g_bf16
	      for (r = 0; r < ROWS; r = r + 1) begin : g_r
	        for (c = 0; c < COLS; c = c + 1) begin : g_c
	          wire [32*16-1:0] a_all = act_i[r*SLOT*8 +: 32*16];
	          wire [32*16-1:0] w_all = wgt_i[c*SLOT*8 +: 32*16];
	          // the array moves by its clock, not by the PEs' handshake: ready/valid outputs unused
	          /* verilator lint_off PINCONNECTEMPTY */
	          mx_pe_bf16 #(.N(32), .G(32)) u_pe (
	            .clk_i       (clk_arr),
	            .rst_ni      (rst_ni),
	            .in_valid_i  (issue_i & (r < rows_i) & (c < cols_i)),
	            .in_ready_o  (),
	            .in_first_i  (first_i),
	            .in_last_i   (last_i),
	            .a_codes_i   (blk1_i ? {496'd0, a_all[15:0]} : a_all),
	            .w_codes_i   (blk1_i ? {496'd0, w_all[15:0]} : w_all),
	            .out_valid_o (),
	            .out_ready_i (1'b1),
	            .out_data_o  (out_o[(r*COLS + c)*32 +: 32])
	          );
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
