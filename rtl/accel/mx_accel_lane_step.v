// One of an epilogue lane's ALU steps after QUANT (mx_accel_lanes): the ALU
// with the descriptor's operation, or, when the chain has no step here, two
// registers that keep the lane's latency.
module mx_accel_lane_step #(
  parameter integer EB        = 5,
  parameter integer W         = 8,
  parameter         EXP_TABLE = "mx_alu_exp.hex",
  parameter         LOG_TABLE = "mx_alu_log.hex"
) (
  input  wire         clk_i,
  input  wire         rst_ni,
  input  wire         on_i,     // the ALU does op_i; else the bypass
  input  wire [3:0]   op_i,
  input  wire         valid_i,
  input  wire [W-1:0] a_i,
  input  wire [W-1:0] b_i,
  input  wire         first_i,  // RMAX: the window's first row
  input  wire         last_i,   // RMAX: its last row
  output wire         valid_o,
  output wire [W-1:0] data_o
);

  wire         alu_valid;
  wire [W-1:0] alu_data;
  // the lane moves by its schedule, not by the ALU's handshake: ready/valid outputs unused
  /* verilator lint_off PINCONNECTEMPTY */
  mx_alu #(.EB(EB), .W(W), .EXP_TABLE(EXP_TABLE), .LOG_TABLE(LOG_TABLE)) u_alu (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .in_valid_i  (valid_i & on_i),
    .in_ready_o  (),
    .in_op_i     (op_i),
    .in_first_i  (first_i),
    .in_last_i   (last_i),
    .in_a_i      ({{(32-W){1'b0}}, a_i}),
    .in_b_i      (b_i),
    .out_valid_o (alu_valid),
    .out_ready_i (1'b1),
    .out_data_o  (alu_data)
  );
      /* verilator lint_on PINCONNECTEMPTY */

  reg         v0_q, v1_q;
  reg [W-1:0] d0_q, d1_q;
  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      v0_q <= 1'b0; v1_q <= 1'b0;
      d0_q <= {W{1'b0}}; d1_q <= {W{1'b0}};
    end else begin
      v0_q <= valid_i & ~on_i;
      v1_q <= v0_q;
      d0_q <= a_i;
      d1_q <= d0_q;
    end
  end

  assign valid_o = on_i ? alu_valid : v1_q;
  assign data_o  = on_i ? alu_data : d1_q;

endmodule
