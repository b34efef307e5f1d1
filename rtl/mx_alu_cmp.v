// b > a for two non-NaN E codes (+0 and -0 are equal). Sign-magnitude
// codes order like their values once the sign is taken into account.
module mx_alu_cmp #(
  parameter integer W = 8
) (
  input  wire [W-1:0] a_i,
  input  wire [W-1:0] b_i,
  output wire         gt_o
);

  wire [W-2:0] ma = a_i[W-2:0];
  wire [W-2:0] mb = b_i[W-2:0];
  wire         zeros = (ma == {(W-1){1'b0}}) & (mb == {(W-1){1'b0}});
  wire         sa = a_i[W-1];
  wire         sb = b_i[W-1];

  assign gt_o = ~zeros & ((~sb & sa) | (~sb & ~sa & (mb > ma)) | (sb & sa & (mb < ma)));

endmodule
