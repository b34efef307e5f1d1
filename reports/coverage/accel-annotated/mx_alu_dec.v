	// verilator_coverage annotation
	// Decodes a code of the ALU's elementwise format E (1 sign, EB exponent
	// bits, T = W-1-EB trailing bits, IEEE-like) into sign, significand with
	// its implicit bit, the exponent of the significand's least significant
	// bit and the class. value = (-1)^sign * mant * 2^exp for finite codes.
	module mx_alu_dec #(
	  parameter integer EB = 5,   // exponent bits (5: fpN, 8: bfloatN)
	  parameter integer W  = 8,   // code bits
	  parameter integer XW = 11,  // signed exponent bits
	  // Derived; not meant to be overridden.
	  parameter integer T  = W - 1 - EB
	) (
 8545748	  input  wire [W-1:0]         code_i,
 518796	  output wire                 sign_o,
 5408552	  output wire [T:0]           mant_o,
 3024088	  output wire [EB-1:0]        ebias_o,  // exponent field, 1 for subnormals
 4571392	  output wire signed [XW-1:0] exp_o,
 287440	  output wire                 zero_o,
 002720	  output wire                 inf_o,
 024304	  output wire                 nan_o
	);
	
	  localparam integer BIAS = (1 << (EB - 1)) - 1;
	  localparam integer  OFF     = BIAS + T;
	  localparam [XW-1:0] LSB_OFF = OFF[XW-1:0];
	
 2924384	  wire [EB-1:0] ef  = code_i[W-2:T];
 5102568	  wire [T-1:0]  tf  = code_i[T-1:0];
 027008	  wire          top = (ef == {EB{1'b1}});
 306200	  wire          sub = (ef == {EB{1'b0}});
	
	  assign sign_o  = code_i[W-1];
	  assign mant_o  = {~sub, tf};
	  assign ebias_o = sub ? {{(EB-1){1'b0}}, 1'b1} : ef;
	  assign exp_o   = $signed({{(XW-EB){1'b0}}, ebias_o} - LSB_OFF);
	  assign zero_o  = sub & (tf == {T{1'b0}});
	  assign inf_o   = top & (tf == {T{1'b0}});
	  assign nan_o   = top & (tf != {T{1'b0}});
	
	endmodule
	
