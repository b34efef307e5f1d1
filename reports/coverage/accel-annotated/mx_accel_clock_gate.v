	// verilator_coverage annotation
	// Clock gate: a latch holds the enable while the clock is low and an AND
	// passes the clock (the integrated clock-gating cell of a standard-cell
	// library; docs/accelerator.md, "RTL: clocks"). The PE array, the epilogue
	// lanes and the SEU lanes run on gated clocks: their registers move only in
	// cycles with work, which is what a real design does for power and what
	// keeps the Verilated top fast.
	module mx_accel_clock_gate (
 4080066	  input  wire clk_i,
 030014	  input  wire en_i,
 976782	  output wire clk_o
	);
	
 030014	  reg en_l;
	  /* verilator lint_off LATCH */
 000012	  always @(clk_i or en_i) begin
 4080132	    if (!clk_i) begin
 2040744	    verilator_coverage: (next point on previous line)

 2040066	      en_l = en_i;
	    end
	  end
	  /* verilator lint_on LATCH */
	
	  assign clk_o = clk_i & en_l;
	
	endmodule
	
