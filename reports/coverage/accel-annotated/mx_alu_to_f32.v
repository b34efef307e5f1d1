	// verilator_coverage annotation
	// Widens a code of the elementwise format E to fp32, exactly: every E value
	// is an fp32 value (EB <= 8); a NaN gives the canonical NaN 0x7fc00000.
	// Only the upper 9 + T bits are produced: an E value has at most T + 1
	// significant bits, so the low 23 - T bits of its fp32 fraction are zero.
	module mx_alu_to_f32 #(
	  parameter integer EB = 5,   // exponent bits of E (at most 8)
	  parameter integer W  = 8,   // code bits of E
	  // Derived; not meant to be overridden.
	  parameter integer T  = W - 1 - EB
	) (
 41196181	  input  wire [W-1:0] code_i,
 54796227	  output reg  [8+T:0] f32_o    // fp32 bits [31:23-T]
	);
	
	  localparam integer  BIAS = (1 << (EB - 1)) - 1;
	  localparam [T-1:0]  QNAN = {1'b1, {(T - 1){1'b0}}};
	
 18237636	  wire [EB-1:0] ef   = code_i[W-2:T];
 22828850	  wire [T-1:0]  tf   = code_i[T-1:0];
 006752	  wire          top  = (ef == {EB{1'b1}});
	
	  generate
	    if (EB == 8) begin : g_fp32_range
	      // bfloatN: fp32's exponent field and bias; subnormals stay subnormal.
	      always @* begin
	        if (top & (tf != {T{1'b0}})) begin
	          f32_o = {1'b0, 8'hff, QNAN};
	        end else begin
	          f32_o = code_i;
	        end
	      end
	    end else begin : g_narrow_range
	      // fpN: every non-zero value, subnormals included, is normal in fp32.
	      localparam [7:0] REBIAS = 8'd127 - BIAS[7:0];
	      localparam [7:0] T8     = T[7:0];
	      wire        sign = code_i[W-1];
	      integer     lead;  // position of the leading one of a subnormal's tf
	      integer     i;
	      reg [T-1:0] frac;
 000264	      always @* begin
 000132	        lead = 0;
 000132	        for (i = 0; i < T; i = i + 1) begin
 002384	        verilator_coverage: (next point on previous line)

 57484550	          if (tf[i]) begin
 252484769	          verilator_coverage: (next point on previous line)

 28742275	            lead = i;
	          end
	        end
	        // The shift moves the leading one out of the fraction (implicit).
 000132	        frac = tf << (T - lead);
 010304	        if (top) begin
 005152	          f32_o = (tf != {T{1'b0}}) ? {1'b0, 8'hff, QNAN} : {sign, 8'hff, {T{1'b0}}};
 19786886	        end else if (ef != {EB{1'b0}}) begin
 9893443	          f32_o = {sign, {{(8 - EB){1'b0}}, ef} + REBIAS, tf};
 007680	        end else if (tf != {T{1'b0}}) begin
 22707863	        verilator_coverage: (next point on previous line)

 003840	          f32_o = {sign, REBIAS + 8'd1 + lead[7:0] - T8, frac};
 22707863	        end else begin
 22707863	          f32_o = {sign, 8'd0, {T{1'b0}}};
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
