	// verilator_coverage annotation
	// Rounds (-1)^sign * mag * 2^exp, mag an unsigned integer, once to fp32:
	// round-to-nearest-even, subnormals kept, overflow to Inf. mag = 0 gives a
	// zero of the given sign.
	module mx_fp32_round #(
	  parameter integer W  = 28,  // magnitude bits
	  parameter integer XW = 12   // signed exponent bits
	) (
 365718	  input  wire                 sign_i,
 13931465	  input  wire [W-1:0]         mag_i,
 7071157	  input  wire signed [XW-1:0] exp_i,
 15418023	  output reg  [31:0]          fp_o
	);
	
	  // The magnitude is extended by 24 zero bits below so that the shift to the
	  // result's quantum is always a right shift (it is at most 23 bits left):
	  // ext = {mag_i, 24'd0} >> rs, of which only the low 24 bits can be non-zero
	  // (rs > lead). ext is not a register: mant, guard and sticky are formed from
	  // mag_i directly.
	  localparam integer IW = W + 24;
	
	  integer        lead;      // position of the leading one of mag_i
	  integer        q;         // exponent of the result's quantum
	  integer        rs;        // right shift of the extended magnitude
	  integer        i;
	  integer        x;
 10216237	  reg [24:0]     mant;      // the kept bits (rs > lead: below 2^24), then rounded
 246104	  reg            guard;
 348244	  reg            sticky;
 5477328	  reg [7:0]      efield;
 15365417	  reg [30:0]     bits;
	
	  // Bits [23:0] of {m, 24'd0} >> s; the others are 0 for every s > lead.
 000216	  function automatic [23:0] kept24(input [W-1:0] m, input integer s);
	    /* verilator lint_off UNUSEDSIGNAL */
	    reg [IW-1:0] e;
	    /* verilator lint_on UNUSEDSIGNAL */
 000108	    begin
 000108	      e      = {m, 24'd0} >> s;
 000108	      kept24 = e[23:0];
	    end
	  endfunction
	
 000216	  always @* begin
 000108	    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
 000108	    lead = 0;
 000108	    for (i = 0; i < W; i = i + 1) begin
 26877492	    verilator_coverage: (next point on previous line)

 28541400	      if (mag_i[i]) begin
 72621876	      verilator_coverage: (next point on previous line)

 14270700	        lead = i;
	      end
	    end
	    // Normal results keep 24 significant bits; subnormals have quantum 2^-149.
 486940	    if (lead + x - 23 < -149) begin
 2226876	    verilator_coverage: (next point on previous line)

 243470	      q = -149;
 2226876	    end else begin
 2226876	      q = lead + x - 23;
	    end
	    // IW + 1 shifts everything below the guard bit.
 214282	    if (q - x + 24 > IW + 1) begin
 2363205	    verilator_coverage: (next point on previous line)

 107141	      rs = IW + 1;
 2363205	    end else begin
 2363205	      rs = q - x + 24;
	    end
	    // Guard: ext[rs-1]; sticky: ext[rs-2:0] != 0.
 000108	    guard  = (rs >= 1) && (rs <= IW) && (rs - 1 >= 24) && mag_i[rs - 25];
 000108	    sticky = (({mag_i, 24'd0} << (IW - rs + 1)) != {IW{1'b0}});
 000108	    mant   = {1'b0, kept24(mag_i, rs)};
 000108	    mant   = mant + {24'd0, guard & (sticky | mant[0])};
 000108	    efield = q[7:0] + 8'd149;
 000108	    bits   = {efield, 23'd0} + {6'd0, mant};
 489278	    if (mag_i == {W{1'b0}}) begin
 244639	      fp_o = {sign_i, 31'd0};
 532390	    end else if (q + 149 > 253) begin
 1959512	    verilator_coverage: (next point on previous line)

 266195	      fp_o = {sign_i, 8'hff, 23'd0};
 1959512	    end else begin
	      // The implicit bit carries into the exponent field; so does a rounding
	      // carry, up to exactly Inf.
 1959512	      fp_o = {sign_i, bits};
	    end
	  end
	
	endmodule
	
