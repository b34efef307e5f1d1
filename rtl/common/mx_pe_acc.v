// The last two stages of both dot-product PEs (mx_pe, mx_pe_bf16): a
// register for the block's fp32 result r, then acc = (first ? +0 : acc) + r
// in the shared fp32 adder; a last transaction emits acc. Both stages
// advance with adv_i, as the PE's earlier stages do.
module mx_pe_acc (
  input  wire        clk_i,
  input  wire        rst_ni,
  input  wire        adv_i,
  input  wire        valid_i,
  input  wire        first_i,
  input  wire        last_i,
  input  wire [31:0] r_i,
  output wire        out_valid_o,
  output wire [31:0] out_data_o
);

  reg        r_valid_q, r_first_q, r_last_q;
  reg [31:0] r_q;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      r_valid_q <= 1'b0;
      r_first_q <= 1'b0;
      r_last_q  <= 1'b0;
      r_q       <= 32'd0;
    end else if (adv_i) begin
      r_valid_q <= valid_i;
      r_first_q <= first_i;
      r_last_q  <= last_i;
      r_q       <= r_i;
    end
  end

  reg  [31:0] acc_q;
  reg         out_valid_q;
  wire [31:0] acc_sum;

  mx_fp32_add u_add (
    .a_i   (r_first_q ? 32'd0 : acc_q),
    .b_i   (r_q),
    .sum_o (acc_sum)
  );

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      acc_q       <= 32'd0;
      out_valid_q <= 1'b0;
    end else if (adv_i) begin
      if (r_valid_q) begin
        acc_q <= acc_sum;
      end
      out_valid_q <= r_valid_q & r_last_q;
    end
  end

  assign out_valid_o = out_valid_q;
  assign out_data_o  = acc_q;

endmodule
