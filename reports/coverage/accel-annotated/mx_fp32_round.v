	// verilator_coverage annotation
	// Rounds (-1)^sign * mag * 2^exp, mag an unsigned integer, once to fp32:
	// round-to-nearest-even, subnormals kept, overflow to Inf. mag = 0 gives a
	// zero of the given sign.
	module mx_fp32_round #(
	  parameter integer W  = 28,  // magnitude bits
	  parameter integer XW = 12   // signed exponent bits
	) (
 2159525	  input  wire                 sign_i,
 58124355	  input  wire [W-1:0]         mag_i,
 12576996	  input  wire signed [XW-1:0] exp_i,
 67013555	  output reg  [31:0]          fp_o
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
 50804530	  reg [24:0]     mant;      // the kept bits (rs > lead: below 2^24), then rounded
 594720	  reg            guard;
 430640	  reg            sticky;
 15819126	  reg [7:0]      efield;
 64850060	  reg [30:0]     bits;
	
	  // Bits [23:0] of {m, 24'd0} >> s; the others are 0 for every s > lead.
 000196	  function automatic [23:0] kept24(input [W-1:0] m, input integer s);
	    /* verilator lint_off UNUSEDSIGNAL */
	    reg [IW-1:0] e;
	    /* verilator lint_on UNUSEDSIGNAL */
 000098	    begin
 000098	      e      = {m, 24'd0} >> s;
 000098	      kept24 = e[23:0];
	    end
	  endfunction
	
 000196	  always @* begin
 000098	    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
 000098	    lead = 0;
 000098	    for (i = 0; i < W; i = i + 1) begin
 006654	    verilator_coverage: (next point on previous line)

 212600722	      if (mag_i[i]) begin
 536771705	      verilator_coverage: (next point on previous line)

 106300361	        lead = i;
	      end
	    end
	    // Normal results keep 24 significant bits; subnormals have quantum 2^-149.
 9851584	    if (lead + x - 23 < -149) begin
 14719950	    verilator_coverage: (next point on previous line)

 4925792	      q = -149;
 14719950	    end else begin
 14719950	      q = lead + x - 23;
	    end
	    // IW + 1 shifts everything below the guard bit.
 2764040	    if (q - x + 24 > IW + 1) begin
 18263722	    verilator_coverage: (next point on previous line)

 1382020	      rs = IW + 1;
 18263722	    end else begin
 18263722	      rs = q - x + 24;
	    end
	    // Guard: ext[rs-1]; sticky: ext[rs-2:0] != 0.
 000098	    guard  = (rs >= 1) && (rs <= IW) && (rs - 1 >= 24) && mag_i[rs - 25];
 000098	    sticky = (({mag_i, 24'd0} << (IW - rs + 1)) != {IW{1'b0}});
 000098	    mant   = {1'b0, kept24(mag_i, rs)};
 000098	    mant   = mant + {24'd0, guard & (sticky | mant[0])};
 000098	    efield = q[7:0] + 8'd149;
 000098	    bits   = {efield, 23'd0} + {6'd0, mant};
 9856410	    if (mag_i == {W{1'b0}}) begin
 4928205	      fp_o = {sign_i, 31'd0};
 010234	    end else if (q + 149 > 253) begin
 14712420	    verilator_coverage: (next point on previous line)

 005117	      fp_o = {sign_i, 8'hff, 23'd0};
 14712420	    end else begin
	      // The implicit bit carries into the exponent field; so does a rounding
	      // carry, up to exactly Inf.
 14712420	      fp_o = {sign_i, bits};
	    end
	  end
	
	endmodule
	
