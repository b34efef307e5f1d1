	// verilator_coverage annotation
	// Rounds (-1)^sign * mag * 2^exp once to the elementwise format E: round to
	// nearest with ties away from zero, subnormals kept, overflow to Inf; mag = 0
	// gives a zero of the given sign. Ties away needs only the guard bit (the
	// first bit below the result's quantum); a jammed sticky bit in mag's least
	// significant bit must lie at least one bit below the guard bit.
	module mx_alu_round #(
	  parameter integer EB = 5,   // exponent bits of E
	  parameter integer W  = 8,   // code bits of E
	  parameter integer MW = 24,  // magnitude bits
	  parameter integer XW = 11   // signed exponent bits
	) (
 067774	  input  wire                 sign_i,
 2298478	  input  wire [MW-1:0]        mag_i,
 353744	  input  wire signed [XW-1:0] exp_i,
 1160494	  output reg  [W-1:0]         code_o
	);
	
	  localparam integer T    = W - 1 - EB;
	  localparam integer BIAS = (1 << (EB - 1)) - 1;
	  localparam integer QMIN = 1 - BIAS - T;  // quantum of subnormals
	  // The magnitude is extended by T zero bits below so that the shift to the
	  // result's quantum is always a right shift (it is at most T bits left).
	  localparam integer IW   = MW + T;
	  localparam integer INF  = ((1 << EB) - 1) << T;
	
	  integer        lead;   // position of the leading one of mag_i
	  integer        q;      // exponent of the result's quantum
	  integer        rs;     // right shift of the extended magnitude
	  integer        i;
	  integer        x;
	  integer        field;  // exponent field less one, before a rounding carry
	  integer        bits;
 123728	  reg            guard;
 808500	  reg [T+1:0]    k;
	
	  // Bits [T+1:0] of ext = {m, T zero bits} >> s, the only ones that can be
	  // non-zero (ext is not a signal: its low T bits would be constant).
 000054	  function automatic [T+1:0] kept(input [MW-1:0] m, input integer s);
	    /* verilator lint_off UNUSEDSIGNAL */
	    reg [IW-1:0] e;
	    /* verilator lint_on UNUSEDSIGNAL */
 000027	    begin
 000027	      e    = {m, {T{1'b0}}} >> s;
 000027	      kept = e[T+1:0];
	    end
	  endfunction
	
 000054	  always @* begin
 000027	    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
 000027	    lead = 0;
 000027	    for (i = 0; i < MW; i = i + 1) begin
 001296	    verilator_coverage: (next point on previous line)

 10864864	      if (mag_i[i]) begin
 47099272	      verilator_coverage: (next point on previous line)

 5432432	        lead = i;
	      end
	    end
	    // Normal results keep T + 1 significant bits; subnormals share QMIN.
 027232	    if (lead + x - T < QMIN) begin
 2175205	    verilator_coverage: (next point on previous line)

 013616	      q = QMIN;
 2175205	    end else begin
 2175205	      q = lead + x - T;
	    end
 026896	    if (q - x + T > IW + 1) begin
 2175373	    verilator_coverage: (next point on previous line)

 013448	      rs = IW + 1;
 2175373	    end else begin
 2175373	      rs = q - x + T;
	    end
	    // Guard: ext[rs-1], zero in ext's low T bits.
 000027	    guard = (rs >= T + 1) && (rs <= IW) && mag_i[rs - 1 - T];
	    // Round-to-nearest-away truth table: guard 0 -> keep, guard 1 -> up.
 000027	    k     = kept(mag_i, rs) + {{(T+1){1'b0}}, guard};
	    // The implicit bit (and a rounding carry) adds one to the exponent field.
 000027	    field = q - QMIN;
 000027	    bits  = (field << T) + {{(30 - T){1'b0}}, k};
 2939714	    if (mag_i == {MW{1'b0}}) begin
 1469857	      code_o = {sign_i, {(W-1){1'b0}}};
%000000	    end else if (bits >= INF) begin
 718964	    verilator_coverage: (next point on previous line)

%000000	      code_o = {sign_i, INF[W-2:0]};
 718964	    end else begin
 718964	      code_o = {sign_i, bits[W-2:0]};
	    end
	  end
	
	endmodule
	
