	// verilator_coverage annotation
	// bfloat16 block unit: one block of 32 elementwise codes E (fpN or bfloatN,
	// at most 16 bits) to the bfloat16 codes of their dequantized values after
	// the hw profile's bfloat16 MX block quantization (block 32, scale bits 8):
	// the SEU lanes' function for the bfloat16 PE (model/accel/seu_bf16.h).
	// Two register stages, one block per cycle, the handshake of mx_seu.
	//
	// What the quantization does to a block of E values (docs/hw-arithmetic.md,
	// "MX block quantization"; its scale is se = floor(log2 max|x|) - 127,
	// clamped to at least -127):
	// * an Inf or NaN anywhere in the block makes every output the NaN 0x7fc0;
	// * every other element becomes its value rounded to bfloat16 by ROUND (the
	//   top half of its fp32 encoding, rounded): exact for E of at most 7
	//   trailing bits, a rounding for fp16. E's range is too narrow for x / 2^se
	//   to fall below bfloat16's normal range (fpN), or E lies on bfloat16's
	//   grid (bfloatN), so the scale takes no further precision;
	// * except that when max|x| >= 1 the maximum's binade maps onto bfloat16's
	//   top binade, where a rounding carry would overflow: such an element
	//   saturates, i.e. keeps its truncated code (fraction 7'h7f).
	module mx_accel_bf16_block #(
	  parameter integer IN_EB = 5,   // input exponent bits: 5 (fpN) or 8 (bfloatN)
	  parameter integer IN_W  = 8,   // input code bits, at most 16
	  parameter integer ROUND = 0    // mx_round: 0 nearest (ties away), 1 floor (toward zero), 2 even
	) (
 007128	  input  wire               clk_i,
 000009	  input  wire               rst_ni,
 000048	  input  wire               in_valid_i,
 000003	  output wire               in_ready_o,
 39059826	  input  wire [32*IN_W-1:0] in_codes_i,   // element i at [i*IN_W +: IN_W]
 000048	  output reg                out_valid_o,
 000003	  input  wire               out_ready_i,
 188304	  output reg  [32*16-1:0]   out_codes_o   // bfloat16 code of element i at [i*16 +: 16]
	);
	
	  localparam integer N  = 32;
	  localparam integer T  = IN_W - 1 - IN_EB;   // trailing bits of E
	  localparam integer FW = 9 + T;              // the fp32 bits [31:23-T] of an E value
	  // Fraction bits below bfloat16's 7; only their rounding needs the block's
	  // maximum (toward zero never carries).
	  localparam integer RB  = (T > 7) ? T - 7 : 0;
	  localparam integer RND = (RB > 0 && ROUND != 1) ? 1 : 0;
	  localparam integer VW  = (RND != 0) ? FW : 16;  // stage-1 bits per element
	  localparam [15:0]  QNAN = 16'h7fc0;
	
	  // The pipeline advances when the output register is free or being read.
 000003	  wire advance = out_ready_i | ~out_valid_o;
	  assign in_ready_o = advance;
	
	  // ---- Stage 1: fp32 widening, Inf/NaN detection ----
 52288566	  wire [N*VW-1:0] v_d;
%000000	  wire [N-1:0]    special;
	  genvar i;
	  generate
	    for (i = 0; i < N; i = i + 1) begin : g_dec
	      wire [FW-1:0] f;
	      mx_alu_to_f32 #(.EB(IN_EB), .W(IN_W)) u_f32 (
	        .code_i(in_codes_i[i*IN_W +: IN_W]),
	        .f32_o (f)
	      );
	      assign special[i] = &in_codes_i[i*IN_W + T +: IN_EB];
	      if (RND != 0) begin : g_full
	        assign v_d[i*VW +: VW] = f;
	      end else if (T > 7) begin : g_trunc
	        /* verilator lint_off UNUSEDSIGNAL */
	        wire [FW-1:0] f_all = f;  // toward zero drops the low fraction bits
	        /* verilator lint_on UNUSEDSIGNAL */
	        assign v_d[i*VW +: VW] = f_all[FW-1 -: 16];
	      end else if (T == 7) begin : g_same
	        assign v_d[i*VW +: VW] = f;
	      end else begin : g_pad
	        assign v_d[i*VW +: VW] = {f, {(7-T){1'b0}}};
	      end
	    end
	  endgenerate
	
 000048	  reg              s1_valid_q;
%000000	  reg              s1_nan_q;
 230638	  reg [N*VW-1:0]   s1_v_q;
	
 007134	  always @(posedge clk_i or negedge rst_ni) begin
 000006	    if (!rst_ni) begin
 000003	      s1_valid_q <= 1'b0;
 000003	      s1_nan_q   <= 1'b0;
 000003	      s1_v_q     <= {(N*VW){1'b0}};
 007128	    end else if (advance) begin
%000000	    verilator_coverage: (next point on previous line)

 003564	      s1_valid_q <= in_valid_i;
 003564	      s1_nan_q   <= |special;
 003564	      s1_v_q     <= v_d;
	    end
	  end
	
	  // ---- Stage 2: rounding to bfloat16 ----
 188304	  wire [N*16-1:0] codes_d;
	  generate
	    if (RND != 0) begin : g_round
	      // The block maximum's fp32 exponent field (0 for an all-zero block),
	      // from stage 1's values; registered with them.
	      wire [N*8-1:0] exps;
	      for (i = 0; i < N; i = i + 1) begin : g_exp
	        assign exps[i*8 +: 8] = v_d[i*VW + T +: 8];
	      end
	      wire [7:0] emax_d;
	      mx_max_tree #(.L(5), .W(8)) u_max (.mag_i(exps), .max_o(emax_d));
	
	      reg [7:0] emax_q;
 007134	      always @(posedge clk_i or negedge rst_ni) begin
 000006	        if (!rst_ni) begin
 000003	          emax_q <= 8'd0;
 007128	        end else if (advance) begin
%000000	        verilator_coverage: (next point on previous line)

 003564	          emax_q <= emax_d;
	        end
	      end
	
	      // The maximum's binade is bfloat16's top one when max >= 1.
	      wire top = (emax_q >= 8'd127);
	      for (i = 0; i < N; i = i + 1) begin : g_elem
	        // Ties away reads only the guard bit of the dropped fraction bits.
	        /* verilator lint_off UNUSEDSIGNAL */
	        wire [FW-1:0] x = s1_v_q[i*VW +: VW];
	        /* verilator lint_on UNUSEDSIGNAL */
	        wire [14:0]   keep  = x[FW-2:RB];  // exponent field and 7 fraction bits
	        wire          guard = x[RB-1];
	        wire          inc;
	        if (ROUND == 0) begin : g_away
	          assign inc = guard;
	        end else begin : g_even
	          localparam [RB-1:0] BELOW = (1 << (RB - 1)) - 1;  // the bits below the guard
	          assign inc = guard & ((|(x[RB-1:0] & BELOW)) | keep[0]);
	        end
	        // A carry out of the fraction (7'h7f) in the maximum's binade, when
	        // that is bfloat16's top one, saturates instead.
	        wire sat = (&keep[6:0]) & (keep[14:7] == emax_q) & top;
	        assign codes_d[i*16 +: 16] = {x[FW-1], keep + {14'd0, inc & ~sat}};
	      end
	    end else begin : g_exact
	      assign codes_d = s1_v_q;
	    end
	  endgenerate
	
 007134	  always @(posedge clk_i or negedge rst_ni) begin
 000006	    if (!rst_ni) begin
 000003	      out_valid_o <= 1'b0;
 000003	      out_codes_o <= {(N*16){1'b0}};
 007128	    end else if (advance) begin
%000000	    verilator_coverage: (next point on previous line)

 003564	      out_valid_o <= s1_valid_q;
 003564	      out_codes_o <= s1_nan_q ? {N{QNAN}} : codes_d;
	    end
	  end
	
	endmodule
	
