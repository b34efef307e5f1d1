	// verilator_coverage annotation
	// IEEE fp32 addition, round-to-nearest-even, subnormals kept. A NaN operand
	// or Inf + -Inf gives the canonical NaN 0x7fc00000; an exact zero sum of
	// operands of different signs is +0.
	module mx_fp32_add (
 23745477	  input  wire [31:0] a_i,
 37374398	  input  wire [31:0] b_i,
 32149202	  output reg  [31:0] sum_o
	);
	
%000000	  wire a_nan = (a_i[30:23] == 8'hff) & (a_i[22:0] != 23'd0);
 006076	  wire b_nan = (b_i[30:23] == 8'hff) & (b_i[22:0] != 23'd0);
%000000	  wire a_inf = (a_i[30:0] == 31'h7f800000);
 000680	  wire b_inf = (b_i[30:0] == 31'h7f800000);
	
	  // Order by magnitude (the encoding orders magnitudes as integers).
 1122050	  wire        swap  = b_i[30:0] > a_i[30:0];
 26867429	  wire [31:0] larger  = swap ? b_i : a_i;
 33181041	  wire [30:0] lesser = swap ? a_i[30:0] : b_i[30:0];
	
	  // Subnormals: exponent 1, no implicit bit.
 4459972	  wire [7:0]  e_big   = (larger[30:23] == 8'd0) ? 8'd1 : larger[30:23];
 11323223	  wire [7:0]  e_small = (lesser[30:23] == 8'd0) ? 8'd1 : lesser[30:23];
 22132045	  wire [23:0] m_big   = {larger[30:23] != 8'd0, larger[22:0]};
 23748077	  wire [23:0] m_small = {lesser[30:23] != 8'd0, lesser[22:0]};
	
	  // Align the smaller operand with guard and round bits plus a sticky bit:
	  // enough for a single correct rounding of the sum or difference.
	  // (The smaller significand extended by the two zero bits, {m_small, 2'b00},
	  // is shifted right by d_c; the bits shifted out make the sticky bit.)
 13230347	  wire [7:0]  d       = e_big - e_small;
 8194510	  wire [4:0]  d_c     = (d > 8'd26) ? 5'd26 : d[4:0];
 26585279	  wire [25:0] s_shift = {m_small, 2'b00} >> d_c;
 115605	  wire        s_stk   = ({m_small, 2'b00} << (5'd26 - d_c)) != 26'd0;
 26700884	  wire [26:0] b_al    = {s_shift, s_stk};
 1825684	  wire        sub     = a_i[31] ^ b_i[31];
 32671256	  wire [27:0] mag     = sub ? ({1'b0, m_big, 3'b000} - {1'b0, b_al})
	                            : ({1'b0, m_big, 3'b000} + {1'b0, b_al});
	
	  // mag's least significant bit weighs 2^(e_big - 127 - 23 - 3).
 3965327	  wire signed [11:0] x = $signed({4'd0, e_big}) - 12'sd153;
	  // An exact zero: -0 only when both operands are -0.
 584567	  wire        sign = (mag == 28'd0) ? (a_i[31] & b_i[31]) : larger[31];
 32146818	  wire [31:0] rounded;
	
	  mx_fp32_round #(
	    .W  (28),
	    .XW (12)
	  ) u_round (
	    .sign_i (sign),
	    .mag_i  (mag),
	    .exp_i  (x),
	    .fp_o   (rounded)
	  );
	
 000134	  always @* begin
 007200	    if (a_nan | b_nan | (a_inf & b_inf & sub)) begin
 003600	      sum_o = 32'h7fc00000;
%000000	    end else if (a_inf) begin
%000000	      sum_o = a_i;
 003104	    end else if (b_inf) begin
 14622020	    verilator_coverage: (next point on previous line)

 001552	      sum_o = b_i;
 14622020	    end else begin
 14622020	      sum_o = rounded;
	    end
	  end
	
	endmodule
	
