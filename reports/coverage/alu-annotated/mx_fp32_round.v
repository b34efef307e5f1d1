	// verilator_coverage annotation
	// Rounds (-1)^sign * mag * 2^exp, mag an unsigned integer, once to fp32:
	// round-to-nearest-even, subnormals kept, overflow to Inf. mag = 0 gives a
	// zero of the given sign.
	module mx_fp32_round #(
	  parameter integer W  = 28,  // magnitude bits
	  parameter integer XW = 12   // signed exponent bits
	) (
 1389929	  input  wire                 sign_i,
 19804397	  input  wire [W-1:0]         mag_i,
 14668104	  input  wire signed [XW-1:0] exp_i,
 30887697	  output reg  [31:0]          fp_o
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
 15627525	  reg [24:0]     mant;      // the kept bits (rs > lead: below 2^24), then rounded
 237796	  reg            guard;
 316740	  reg            sticky;
 13729571	  reg [7:0]      efield;
 30480200	  reg [30:0]     bits;
	
	  // Bits [23:0] of {m, 24'd0} >> s; the others are 0 for every s > lead.
 000060	  function automatic [23:0] kept24(input [W-1:0] m, input integer s);
	    /* verilator lint_off UNUSEDSIGNAL */
	    reg [IW-1:0] e;
	    /* verilator lint_on UNUSEDSIGNAL */
 000030	    begin
 000030	      e      = {m, 24'd0} >> s;
 000030	      kept24 = e[23:0];
	    end
	  endfunction
	
 000060	  always @* begin
 000030	    x    = {{(32 - XW){exp_i[XW-1]}}, exp_i};
 000030	    lead = 0;
 000030	    for (i = 0; i < W; i = i + 1) begin
 001680	    verilator_coverage: (next point on previous line)

 123856136	      if (mag_i[i]) begin
 340762360	      verilator_coverage: (next point on previous line)

 61928068	        lead = i;
	      end
	    end
	    // Normal results keep 24 significant bits; subnormals have quantum 2^-149.
 3516172	    if (lead + x - 23 < -149) begin
 12623715	    verilator_coverage: (next point on previous line)

 1758086	      q = -149;
 12623715	    end else begin
 12623715	      q = lead + x - 23;
	    end
	    // IW + 1 shifts everything below the guard bit.
%000000	    if (q - x + 24 > IW + 1) begin
 14381801	    verilator_coverage: (next point on previous line)

%000000	      rs = IW + 1;
 14381801	    end else begin
 14381801	      rs = q - x + 24;
	    end
	    // Guard: ext[rs-1]; sticky: ext[rs-2:0] != 0.
 000030	    guard  = (rs >= 1) && (rs <= IW) && (rs - 1 >= 24) && mag_i[rs - 25];
 000030	    sticky = (({mag_i, 24'd0} << (IW - rs + 1)) != {IW{1'b0}});
 000030	    mant   = {1'b0, kept24(mag_i, rs)};
 000030	    mant   = mant + {24'd0, guard & (sticky | mant[0])};
 000030	    efield = q[7:0] + 8'd149;
 000030	    bits   = {efield, 23'd0} + {6'd0, mant};
 1824498	    if (mag_i == {W{1'b0}}) begin
 912249	      fp_o = {sign_i, 31'd0};
 4328392	    end else if (q + 149 > 253) begin
 11305356	    verilator_coverage: (next point on previous line)

 2164196	      fp_o = {sign_i, 8'hff, 23'd0};
 11305356	    end else begin
	      // The implicit bit carries into the exponent field; so does a rounding
	      // carry, up to exactly Inf.
 11305356	      fp_o = {sign_i, bits};
	    end
	  end
	
	endmodule
	
