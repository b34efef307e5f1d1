// Test top: every function of the generated format header (mx_formats.vh)
// for the format id on fmt_i, so a test can hold the values the RTL
// elaborates with against the C format table.
module mx_formats_probe (
  input  wire [31:0] fmt_i,
  output wire [31:0] code_bits_o,
  output wire [31:0] ebits_o,
  output wire [31:0] tbits_o,
  output wire [31:0] has_inf_o,
  output wire [31:0] has_nan_o,
  output wire [31:0] emax_o,
  output wire [31:0] emin_o,
  output wire [31:0] mant_w_o,
  output wire [31:0] exp_max_o,
  output wire [31:0] exp_w_o,
  output wire [31:0] mag_w_o,
  output wire [31:0] qexp_o,
  output wire [31:0] max_code_o
);

  `include "mx_formats.vh"

  assign code_bits_o = mx_code_bits(fmt_i);
  assign ebits_o     = mx_ebits(fmt_i);
  assign tbits_o     = mx_tbits(fmt_i);
  assign has_inf_o   = mx_has_inf(fmt_i);
  assign has_nan_o   = mx_has_nan(fmt_i);
  assign emax_o      = mx_emax(fmt_i);
  assign emin_o      = mx_emin(fmt_i);
  assign mant_w_o    = mx_mant_w(fmt_i);
  assign exp_max_o   = mx_exp_max(fmt_i);
  assign exp_w_o     = mx_exp_w(fmt_i);
  assign mag_w_o     = mx_mag_w(fmt_i);
  assign qexp_o      = mx_qexp(fmt_i);
  assign max_code_o  = mx_max_code(fmt_i);

endmodule
