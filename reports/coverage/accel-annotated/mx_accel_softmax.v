	// verilator_coverage annotation
	// SOFTMAX descriptor engine (docs/accelerator.md, "Schedule: softmax"):
	// log(softmax) of rows of n E codes on the epilogue lanes' first ALUs, one
	// row per lane, COLS rows at a time, as six dependent passes of n
	// transactions: RMAX, SUB, EXP, RSUM, DIV, LOG (the hw profile's steps).
	// A pass issues its n transactions in consecutive cycles and the next pass
	// starts when the last result leaves the ALU (n + 1 cycles per pass). The
	// first pass reads the row from the activation buffer; the lane keeps the
	// per-element values in its own register file; the last pass's results are
	// written into the buffer as they leave the ALU. The descriptor's last
	// cycle is the last group's last write.
	module mx_accel_softmax #(
	  parameter integer COLS = 8,
	  parameter integer W    = 8,   // E code bits
	  parameter integer EW   = 1,   // bytes per E code
	  parameter integer SLOT = 64
	) (
 1360022	  input  wire                   clk_i,
 000006	  input  wire                   rst_ni,
 000006	  input  wire                   active_i,
 000150	  input  wire [31:0]            src_i,
 000162	  input  wire [31:0]            dst_i,
 000006	  input  wire [31:0]            rows_i,
 000034	  input  wire [31:0]            n_i,      // 1..64
 000006	  output wire                   done_o,
	
 000008	  output wire [COLS-1:0]        rd_en_o,
 002510	  output wire [COLS*32-1:0]     rd_addr_o,
 000009	  output wire [COLS*8-1:0]      rd_len_o,
	  // one E code per lane read port and ALU result (16-bit lanes)
	  /* verilator lint_off UNUSEDSIGNAL */
 62697780	  input  wire [COLS*SLOT*8-1:0] rd_data_i,
 000008	  output wire [COLS-1:0]        wr_en_o,
 002520	  output wire [COLS*32-1:0]     wr_addr_o,
 758744	  output wire [COLS*16-1:0]     wr_data_o,
	
	  // the lanes' first ALUs
 000006	  output wire                   alu_active_o,
 000048	  output wire [COLS-1:0]        alu_valid_o,
 000046	  output wire [3:0]             alu_op_o,
 000038	  output wire                   alu_first_o,
 000036	  output wire                   alu_last_o,
 4098162	  output wire [COLS*16-1:0]     alu_a_o,
 000062	  output wire [COLS*16-1:0]     alu_b_o,
 137452	  input  wire [COLS-1:0]        alu_valid_i,
 758744	  input  wire [COLS*16-1:0]     alu_data_i,
	  /* verilator lint_on UNUSEDSIGNAL */
	
 000036	  output wire                   c_issue_o,  // a pass issues this cycle
 000006	  output wire [31:0]            c_reads_o,
 000006	  output wire [31:0]            c_writes_o
	);
	
	  localparam [3:0] OP_SUB = 4'd2, OP_DIV = 4'd4, OP_EXP = 4'd7, OP_LOG = 4'd8,
	                   OP_RMAX = 4'd9, OP_RSUM = 4'd10;
	  localparam [31:0] COLS_C = COLS;
	  localparam [31:0] EW_C   = EW;
	
 000008	  reg  [31:0] r0_q, pc_q;
 000360	  verilator_coverage: (next point on previous line)

 000030	  reg  [2:0]  pass_q;
 000006	  reg         fin_q;
	  // the ALU's two stages: which pass and element, of which group
 000072	  reg  [1:0]  mv_q;
 000052	  reg  [5:0]  mp_q;            // 3 bits per stage
 000708	  reg  [11:0] mj_q;            // 6 bits per stage
%000000	  reg  [63:0] mr_q;            // 32 bits per stage
	
 000006	  wire        run     = active_i & ~fin_q;
 000036	  wire        issuing = run & (pc_q < n_i);
 000360	  wire [5:0]  j       = pc_q[5:0];
 000188	  wire [31:0] gr      = rows_i - r0_q;
 000014	  wire [31:0] grows   = (gr < COLS_C) ? gr : COLS_C;
 000006	  wire        last_pass_end = (pass_q == 3'd5) & (pc_q == n_i);
 000002	  wire        last_group = (r0_q + COLS_C >= rows_i);
 000008	  wire        idle    = ~active_i | done_o;
	
	  // a result leaving the ALU this cycle
 000036	  wire        out_v = mv_q[1];
 000026	  wire [2:0]  out_p = mp_q[5:3];
 000352	  wire [5:0]  out_j = mj_q[11:6];
%000000	  wire [31:0] out_r = mr_q[63:32];
	
 000046	  reg [3:0] op;
 000004	  always @* begin
 000002	    case (pass_q)
 1359702	      3'd0: op = OP_RMAX;
 000066	      3'd1: op = OP_SUB;
 000066	      3'd2: op = OP_EXP;
 000066	      3'd3: op = OP_RSUM;
 000066	      3'd4: op = OP_DIV;
 000066	      default: op = OP_LOG;
	    endcase
	  end
	
	  assign alu_active_o = active_i;
	  assign alu_op_o     = op;
	  assign alu_first_o  = (pc_q == 32'd0);
	  assign alu_last_o   = (pc_q + 32'd1 == n_i);
	
	  genvar l;
	  generate
	    for (l = 0; l < COLS; l = l + 1) begin : g_lane
	      wire        ok  = issuing & (l < grows);
	      wire [31:0] row = r0_q + l;
	      wire [31:0] at  = (row * n_i + {26'd0, j}) * EW_C;
	      assign rd_en_o[l] = ok & (pass_q == 3'd0);
	      assign rd_addr_o[l*32 +: 32] = src_i + at;
	      assign rd_len_o[l*8 +: 8] = EW_C[7:0];
	      /* verilator lint_off UNUSEDSIGNAL */
	      wire [15:0] x = (EW == 2) ? rd_data_i[l*SLOT*8 +: 16] : {8'd0, rd_data_i[l*SLOT*8 +: 8]};
	
	      /* verilator lint_on UNUSEDSIGNAL */
	      // per-element values (x, then x - max, exp, quotient) and the row's
	      // max or sum; a value leaving the ALU in this cycle is forwarded
	      reg [W-1:0] rf_q [0:63];
	      reg [W-1:0] scal_q;
	      wire [W-1:0] y = alu_data_i[l*16 +: W];
	      wire elem_out = out_v & alu_valid_i[l] & (out_p == 3'd1 || out_p == 3'd2 || out_p == 3'd4);
	      wire scal_out = out_v & alu_valid_i[l] & (out_p == 3'd0 || out_p == 3'd3);
	      wire [W-1:0] e = (elem_out && out_j == j) ? y : rf_q[j];
	      wire [W-1:0] s = scal_out ? y : scal_q;
	
 5919294	      always @(posedge clk_i) begin
 000080	        if (ok && pass_q == 3'd0) begin
 2959607	        verilator_coverage: (next point on previous line)

 000040	          rf_q[j] <= x[W-1:0];
	        end
 000240	        if (elem_out) begin
 2959527	        verilator_coverage: (next point on previous line)

 000120	          rf_q[out_j] <= y;
	        end
	      end
 5919312	      always @(posedge clk_i or negedge rst_ni) begin
 000018	        if (!rst_ni) begin
 000009	          scal_q <= {W{1'b0}};
 000016	        end else if (scal_out) begin
 2959639	        verilator_coverage: (next point on previous line)

 000008	          scal_q <= y;
	        end
	      end
	
	      assign alu_valid_o[l] = ok;
	      assign alu_a_o[l*16 +: 16] = {{(16-W){1'b0}}, (pass_q == 3'd0) ? x[W-1:0] : e};
	      assign alu_b_o[l*16 +: 16] = {{(16-W){1'b0}}, s};
	
	      wire [31:0] orow = out_r + l;
	      assign wr_en_o[l] = out_v & alu_valid_i[l] & (out_p == 3'd5);
	      assign wr_addr_o[l*32 +: 32] = dst_i + (orow * n_i + {26'd0, out_j}) * EW_C;
	      assign wr_data_o[l*16 +: 16] = {{(16-W){1'b0}}, y};
	    end
	  endgenerate
	
 1360028	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      r0_q <= 32'd0; pc_q <= 32'd0; pass_q <= 3'd0; fin_q <= 1'b0;
 000002	      mv_q <= 2'd0; mp_q <= 6'd0; mj_q <= 12'd0; mr_q <= 64'd0;
 1359628	    end else if (idle) begin
 000198	    verilator_coverage: (next point on previous line)

 679814	      r0_q <= 32'd0; pc_q <= 32'd0; pass_q <= 3'd0; fin_q <= 1'b0;
 679814	      mv_q <= 2'd0;
 000198	    end else begin
 000198	      mv_q <= {mv_q[0], issuing};
 000198	      mp_q <= {mp_q[2:0], pass_q};
 000198	      mj_q <= {mj_q[5:0], j};
 000198	      mr_q <= {mr_q[31:0], r0_q};
 000396	      if (run) begin
%000000	      verilator_coverage: (next point on previous line)

 000360	        if (pc_q != n_i) begin
 000018	        verilator_coverage: (next point on previous line)

 000180	          pc_q <= pc_q + 32'd1;
 000018	        end else begin
 000018	          pc_q <= 32'd0;
 000030	          if (pass_q != 3'd5) begin
 000003	          verilator_coverage: (next point on previous line)

 000015	            pass_q <= pass_q + 3'd1;
 000003	          end else begin
 000003	            pass_q <= 3'd0;
 000003	            r0_q <= r0_q + COLS_C;
 000003	            fin_q <= last_group;
	          end
	        end
	      end
	    end
	  end
	
	  // the last write is in the cycle after the last pass's end
	  assign done_o     = fin_q;
	  assign c_issue_o  = issuing;
	  assign c_reads_o  = (issuing && pass_q == 3'd0) ? grows : 32'd0;
	  assign c_writes_o = (issuing && pass_q == 3'd5) ? grows : 32'd0;
	
 000006	  wire unused = last_pass_end;
	
	endmodule
	
