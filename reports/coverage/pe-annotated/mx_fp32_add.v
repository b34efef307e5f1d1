	// verilator_coverage annotation
	// IEEE fp32 addition, round-to-nearest-even, subnormals kept. A NaN operand
	// or Inf + -Inf gives the canonical NaN 0x7fc00000; an exact zero sum of
	// operands of different signs is +0.
	module mx_fp32_add (
 3041271	  input  wire [31:0] a_i,
 8648914	  input  wire [31:0] b_i,
 6721665	  output reg  [31:0] sum_o
	);
	
 029336	  wire a_nan = (a_i[30:23] == 8'hff) & (a_i[22:0] != 23'd0);
 048620	  wire b_nan = (b_i[30:23] == 8'hff) & (b_i[22:0] != 23'd0);
 018728	  wire a_inf = (a_i[30:0] == 31'h7f800000);
 107704	  wire b_inf = (b_i[30:0] == 31'h7f800000);
	
	  // Order by magnitude (the encoding orders magnitudes as integers).
 268400	  wire        swap  = b_i[30:0] > a_i[30:0];
 6552895	  wire [31:0] larger  = swap ? b_i : a_i;
 3796146	  wire [30:0] lesser = swap ? a_i[30:0] : b_i[30:0];
	
	  // Subnormals: exponent 1, no implicit bit.
 2289324	  wire [7:0]  e_big   = (larger[30:23] == 8'd0) ? 8'd1 : larger[30:23];
 1216064	  wire [7:0]  e_small = (lesser[30:23] == 8'd0) ? 8'd1 : lesser[30:23];
 4211213	  wire [23:0] m_big   = {larger[30:23] != 8'd0, larger[22:0]};
 2768998	  wire [23:0] m_small = {lesser[30:23] != 8'd0, lesser[22:0]};
	
	  // Align the smaller operand with guard and round bits plus a sticky bit:
	  // enough for a single correct rounding of the sum or difference.
	  // (The smaller significand extended by the two zero bits, {m_small, 2'b00},
	  // is shifted right by d_c; the bits shifted out make the sticky bit.)
 2947808	  wire [7:0]  d       = e_big - e_small;
 839091	  wire [4:0]  d_c     = (d > 8'd26) ? 5'd26 : d[4:0];
 989498	  wire [25:0] s_shift = {m_small, 2'b00} >> d_c;
 181602	  wire        s_stk   = ({m_small, 2'b00} << (5'd26 - d_c)) != 26'd0;
 1171100	  wire [26:0] b_al    = {s_shift, s_stk};
 205662	  wire        sub     = a_i[31] ^ b_i[31];
 5910931	  wire [27:0] mag     = sub ? ({1'b0, m_big, 3'b000} - {1'b0, b_al})
	                            : ({1'b0, m_big, 3'b000} + {1'b0, b_al});
	
	  // mag's least significant bit weighs 2^(e_big - 127 - 23 - 3).
 3215459	  wire signed [11:0] x = $signed({4'd0, e_big}) - 12'sd153;
	  // An exact zero: -0 only when both operands are -0.
 140510	  wire        sign = (mag == 28'd0) ? (a_i[31] & b_i[31]) : larger[31];
 6717685	  wire [31:0] rounded;
	
	  mx_fp32_round #(
	    .W  (28),
	    .XW (12)
	  ) u_round (
	    .sign_i (sign),
	    .mag_i  (mag),
	    .exp_i  (x),
	    .fp_o   (rounded)
	  );
	
 000108	  always @* begin
 221056	    if (a_nan | b_nan | (a_inf & b_inf & sub)) begin
 110528	      sum_o = 32'h7fc00000;
 052970	    end else if (a_inf) begin
 026485	      sum_o = a_i;
 134254	    end else if (b_inf) begin
 1031033	    verilator_coverage: (next point on previous line)

 067127	      sum_o = b_i;
 1031033	    end else begin
 1031033	      sum_o = rounded;
	    end
	  end
	
	endmodule
	
