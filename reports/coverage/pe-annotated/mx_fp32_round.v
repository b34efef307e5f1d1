	// verilator_coverage annotation
	// Rounds (-1)^sign * mag * 2^exp, mag an unsigned integer, once to fp32:
	// round-to-nearest-even, subnormals kept, overflow to Inf. mag = 0 gives a
	// zero of the given sign.
	module mx_fp32_round #(
	  parameter integer W  = 28,  // magnitude bits
	  parameter integer XW = 12   // signed exponent bits
	) (
 074957	  input  wire                 sign_i,
 4847829	  input  wire [W-1:0]         mag_i,
 4126617	  input  wire signed [XW-1:0] exp_i,
 7512653	  output reg  [31:0]          fp_o
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
 4620017	  reg [24:0]     mant;      // the kept bits (rs > lead: below 2^24), then rounded
 007780	  reg            guard;
 065146	  reg            sticky;
 3151405	  reg [7:0]      efield;
 7602221	  reg [30:0]     bits;
	
	  // Bits [23:0] of {m, 24'd0} >> s; the others are 0 for every s > lead.
 000144	  function automatic [23:0] kept24(input [W-1:0] m, input integer s);
	    /* verilator lint_off UNUSEDSIGNAL */
	    reg [IW-1:0] e;
	    /* verilator lint_on UNUSEDSIGNAL */
 000072	    begin
 000072	      e      = {m, 24'd0} >> s;
 000072	      kept24 = e[23:0];
	    end
	  endfunction
	
 000144	  always @* begin
 000072	    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
 000072	    lead = 0;
 000072	    for (i = 0; i < W; i = i + 1) begin
 20280152	    verilator_coverage: (next point on previous line)

 10407740	      if (mag_i[i]) begin
 53948407	      verilator_coverage: (next point on previous line)

 5203870	        lead = i;
	      end
	    end
	    // Normal results keep 24 significant bits; subnormals have quantum 2^-149.
 339688	    if (lead + x - 23 < -149) begin
 1439408	    verilator_coverage: (next point on previous line)

 169844	      q = -149;
 1439408	    end else begin
 1439408	      q = lead + x - 23;
	    end
	    // IW + 1 shifts everything below the guard bit.
 096822	    if (q - x + 24 > IW + 1) begin
 1560841	    verilator_coverage: (next point on previous line)

 048411	      rs = IW + 1;
 1560841	    end else begin
 1560841	      rs = q - x + 24;
	    end
	    // Guard: ext[rs-1]; sticky: ext[rs-2:0] != 0.
 000072	    guard  = (rs >= 1) && (rs <= IW) && (rs - 1 >= 24) && mag_i[rs - 25];
 000072	    sticky = (({mag_i, 24'd0} << (IW - rs + 1)) != {IW{1'b0}});
 000072	    mant   = {1'b0, kept24(mag_i, rs)};
 000072	    mant   = mant + {24'd0, guard & (sticky | mant[0])};
 000072	    efield = q[7:0] + 8'd149;
 000072	    bits   = {efield, 23'd0} + {6'd0, mant};
 325164	    if (mag_i == {W{1'b0}}) begin
 162582	      fp_o = {sign_i, 31'd0};
 343814	    end else if (q + 149 > 253) begin
 1274763	    verilator_coverage: (next point on previous line)

 171907	      fp_o = {sign_i, 8'hff, 23'd0};
 1274763	    end else begin
	      // The implicit bit carries into the exponent field; so does a rounding
	      // carry, up to exactly Inf.
 1274763	      fp_o = {sign_i, bits};
	    end
	  end
	
	endmodule
	
