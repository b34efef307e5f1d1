// Clock gate: a latch holds the enable while the clock is low and an AND
// passes the clock (the integrated clock-gating cell of a standard-cell
// library; docs/accelerator.md, "RTL: clocks"). The PE array, the epilogue
// lanes and the SEU lanes run on gated clocks: their registers move only in
// cycles with work, which is what a real design does for power and what
// keeps the Verilated top fast.
module mx_accel_clock_gate (
  input  wire clk_i,
  input  wire en_i,
  output wire clk_o
);

  reg en_l;
  /* verilator lint_off LATCH */
  always @(clk_i or en_i) begin
    if (!clk_i) begin
      en_l = en_i;
    end
  end
  /* verilator lint_on LATCH */

  assign clk_o = clk_i & en_l;

endmodule
