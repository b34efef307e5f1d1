// Test top: one mx_seu per MX element format and rounding (instance
// f*3 + r: OUT_FMT f, ROUND r) on one input stream, so one simulation checks
// all 24 variants of an input format. Instance i's codes occupy bits
// [i*256, i*256 + 32*OCW) of out_codes_o, packed as mx_seu emits them.
module seu_all #(
  parameter integer IN_EB = 5,
  parameter integer IN_W  = 8
) (
  input  wire               clk_i,
  input  wire               rst_ni,
  input  wire               in_valid_i,
  output wire [23:0]        in_ready_o,
  input  wire [32*IN_W-1:0] in_codes_i,
  output wire [23:0]        out_valid_o,
  input  wire               out_ready_i,
  output wire [24*8-1:0]    out_scale_o,
  output wire [24*256-1:0]  out_codes_o
);

  genvar f, r;
  generate
    for (f = 0; f < 8; f = f + 1) begin : g_fmt
      for (r = 0; r < 3; r = r + 1) begin : g_rnd
        localparam integer I   = f * 3 + r;
        localparam integer OCW = (f == 1 || f == 7) ? 4 : (f == 2) ? 2 : (f == 5 || f == 6) ? 6 : 8;
        wire [32*OCW-1:0] codes;
        mx_seu #(.IN_EB(IN_EB), .IN_W(IN_W), .OUT_FMT(f), .ROUND(r)) u_seu (
          .clk_i      (clk_i),
          .rst_ni     (rst_ni),
          .in_valid_i (in_valid_i),
          .in_ready_o (in_ready_o[I]),
          .in_codes_i (in_codes_i),
          .out_valid_o(out_valid_o[I]),
          .out_ready_i(out_ready_i),
          .out_scale_o(out_scale_o[I*8 +: 8]),
          .out_codes_o(codes)
        );
        if (OCW == 8) begin : g_full
          assign out_codes_o[I*256 +: 256] = codes;
        end else begin : g_pad
          assign out_codes_o[I*256 +: 256] = {{(256-32*OCW){1'b0}}, codes};
        end
      end
    end
  endgenerate

endmodule
