	// verilator_coverage annotation
	// A 2^AW-entry ROM of DW-bit words, loaded from a hex file (one word per
	// line, $readmemh) made by the build from the golden functions
	// (model/gen/mx_alu_tables.c). Read combinationally; the ALU registers it.
	module mx_alu_rom #(
	  parameter integer AW   = 8,
	  parameter integer DW   = 8,
	  parameter         FILE = "mx_alu_table.hex"
	) (
 4264896	  input  wire [AW-1:0] addr_i,
 3186445	  output wire [DW-1:0] data_o
	);
	
	  // The table is constant once loaded: toggle coverage of its bits would
	  // only count the load (the read port data_o is covered).
	  /* verilator coverage_off */
	  reg [DW-1:0] mem [0:(1 << AW) - 1];
	  /* verilator coverage_on */
	
 000108	  initial begin
 000054	    $readmemh(FILE, mem);
	  end
	
	  assign data_o = mem[addr_i];
	
	endmodule
	
