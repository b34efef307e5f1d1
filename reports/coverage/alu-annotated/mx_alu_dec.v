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
 178463400	  input  wire [W-1:0]         code_i,
 11065840	  output wire                 sign_o,
 97673656	  output wire [T:0]           mant_o,
 73060440	  output wire [EB-1:0]        ebias_o,  // exponent field, 1 for subnormals
 106572616	  output wire signed [XW-1:0] exp_o,
 3222464	  output wire                 zero_o,
 512760	  output wire                 inf_o,
 4518088	  output wire                 nan_o
	);
	
	  localparam integer BIAS = (1 << (EB - 1)) - 1;
	  localparam integer  OFF     = BIAS + T;
	  localparam [XW-1:0] LSB_OFF = OFF[XW-1:0];
	
 75862608	  wire [EB-1:0] ef  = code_i[W-2:T];
 91534952	  wire [T-1:0]  tf  = code_i[T-1:0];
 4935552	  wire          top = (ef == {EB{1'b1}});
 6138944	  wire          sub = (ef == {EB{1'b0}});
	
	  assign sign_o  = code_i[W-1];
	  assign mant_o  = {~sub, tf};
	  assign ebias_o = sub ? {{(EB-1){1'b0}}, 1'b1} : ef;
	  assign exp_o   = $signed({{(XW-EB){1'b0}}, ebias_o} - LSB_OFF);
	  assign zero_o  = sub & (tf == {T{1'b0}});
	  assign inf_o   = top & (tf == {T{1'b0}});
	  assign nan_o   = top & (tf != {T{1'b0}});
	
	endmodule
	
