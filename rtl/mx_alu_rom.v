// A 2^W-entry ROM of W-bit codes, loaded from a hex file (one code per
// line, $readmemh) made by the build from the golden functions
// (model/gen/mx_alu_tables.c). Read combinationally; the ALU registers it.
module mx_alu_rom #(
  parameter integer W    = 8,
  parameter         FILE = "mx_alu_table.hex"
) (
  input  wire [W-1:0] addr_i,
  output wire [W-1:0] data_o
);

  reg [W-1:0] mem [0:(1 << W) - 1];

  initial begin
    $readmemh(FILE, mem);
  end

  assign data_o = mem[addr_i];

endmodule
