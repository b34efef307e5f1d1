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
 31425924	  input  wire [W-1:0] code_i,
 31550366	  output reg  [8+T:0] f32_o    // fp32 bits [31:23-T]
	);
	
	  localparam integer  BIAS = (1 << (EB - 1)) - 1;
	  localparam [T-1:0]  QNAN = {1'b1, {(T - 1){1'b0}}};
	
 13350182	  wire [EB-1:0] ef   = code_i[W-2:T];
 16306722	  wire [T-1:0]  tf   = code_i[T-1:0];
 950936	  wire          top  = (ef == {EB{1'b1}});
	
	  generate
	    if (EB == 8) begin : g_fp32_range
	      // bfloatN: fp32's exponent field and bias; subnormals stay subnormal.
 000012	      always @* begin
 1151340	        if (top & (tf != {T{1'b0}})) begin
 2406504	        verilator_coverage: (next point on previous line)

 575670	          f32_o = {1'b0, 8'hff, QNAN};
 2406504	        end else begin
 2406504	          f32_o = code_i;
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
 000048	      always @* begin
 000024	        lead = 0;
 000024	        for (i = 0; i < T; i = i + 1) begin
 000264	        verilator_coverage: (next point on previous line)

 38250612	          if (tf[i]) begin
 25075098	          verilator_coverage: (next point on previous line)

 19125306	            lead = i;
	          end
	        end
	        // The shift moves the leading one out of the fraction (implicit).
 000024	        frac = tf << (T - lead);
 915776	        if (top) begin
 457888	          f32_o = (tf != {T{1'b0}}) ? {1'b0, 8'hff, QNAN} : {sign, 8'hff, {T{1'b0}}};
 10804740	        end else if (ef != {EB{1'b0}}) begin
 5402370	          f32_o = {sign, {{(8 - EB){1'b0}}, ef} + REBIAS, tf};
 781240	        end else if (tf != {T{1'b0}}) begin
 354842	        verilator_coverage: (next point on previous line)

 390620	          f32_o = {sign, REBIAS + 8'd1 + lead[7:0] - T8, frac};
 354842	        end else begin
 354842	          f32_o = {sign, 8'd0, {T{1'b0}}};
	        end
	      end
	    end
	  endgenerate
	
	endmodule
	
