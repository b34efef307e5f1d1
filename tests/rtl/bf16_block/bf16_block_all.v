// Test top: one mx_accel_bf16_block per rounding (instance r: ROUND r) on
// one input stream; instance r's codes are bits [r*512 +: 512].
module bf16_block_all #(
  parameter integer IN_EB = 5,
  parameter integer IN_W  = 8
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               in_valid_i,
  output wire [2:0]         in_ready_o,
  input  wire [32*IN_W-1:0] in_codes_i,
  output wire [2:0]         out_valid_o,
  input  wire               out_ready_i,
  output wire [3*512-1:0]   out_codes_o
);

  genvar r;
  generate
    for (r = 0; r < 3; r = r + 1) begin : g_rnd
      mx_accel_bf16_block #(.IN_EB(IN_EB), .IN_W(IN_W), .ROUND(r)) u_blk (
        .clk_i      (clk_i),
        .rst_ni     (rst_ni),
        .in_valid_i (in_valid_i),
        .in_ready_o (in_ready_o[r]),
        .in_codes_i (in_codes_i),
        .out_valid_o(out_valid_o[r]),
        .out_ready_i(out_ready_i),
        .out_codes_o(out_codes_o[r*512 +: 512])
      );
    end
  endgenerate

endmodule
