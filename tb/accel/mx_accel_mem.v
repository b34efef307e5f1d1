// Behavioural model of the accelerator's on-chip memories (the activation
// buffer, the weight buffer and the descriptor memory: docs/accelerator.md,
// "RTL: memories"). Outside rtl/: synthesis treats mx_accel_mem as a black
// box (a memory macro) and counts its bits, not its cells.
//
// BYTES bytes; RP read ports of RW bytes and WP write ports of WW bytes for
// the units, one DMA read port and one DMA write port of DW bytes. Reads are
// asynchronous (data in the cycle of the address) and return rd_len bytes
// from the address, zero above; writes take effect at the clock edge, port 0
// first. The banks of the macro are the controller's business: it spends the
// cycles a banked memory needs before it reads (docs/accelerator.md,
// "Schedule"), so the model serves every port in every cycle.
/* verilator lint_off WIDTH */
module mx_accel_mem #(
  parameter integer BYTES = 1024,
  parameter integer AW    = 20,  // address bits
  parameter integer RP    = 1,
  parameter integer RW    = 64,
  parameter integer WP    = 1,
  parameter integer WW    = 64,
  parameter integer DW    = 16
) (
  input  wire               clk_i,

  input  wire [RP-1:0]      rd_en_i,
  input  wire [RP*AW-1:0]   rd_addr_i,
  input  wire [RP*8-1:0]    rd_len_i,     // bytes, 1..RW
  output reg  [RP*RW*8-1:0] rd_data_o,

  input  wire [WP-1:0]      wr_en_i,
  input  wire [WP*AW-1:0]   wr_addr_i,
  input  wire [WP*8-1:0]    wr_len_i,     // bytes, 1..WW
  input  wire [WP*WW*8-1:0] wr_data_i,

  input  wire               dma_rd_en_i,
  input  wire [AW-1:0]      dma_rd_addr_i,
  output reg  [DW*8-1:0]    dma_rd_data_o,
  input  wire               dma_wr_en_i,
  input  wire [AW-1:0]      dma_wr_addr_i,
  input  wire [15:0]        dma_wr_len_i, // bytes, 1..DW
  input  wire [DW*8-1:0]    dma_wr_data_i
);

  reg [7:0] mem [0:BYTES-1];

  // Loops run over the requested bytes only: an idle port costs nothing.
  integer p, b, n;
  reg [31:0] a;
  always @* begin
    a = 32'd0;
    n = 0;
    for (p = 0; p < RP; p = p + 1) begin
      // port by port: a replication of all RP*RW*8 bits exceeds Verilator's
      // 8K-bit WIDTHCONCAT limit for wide arrays (2*COLS weight read ports)
      rd_data_o[p*RW*8 +: RW*8] = {RW*8{1'b0}};
      if (rd_en_i[p]) begin
        n = {24'd0, rd_len_i[p*8 +: 8]};
        for (b = 0; b < n && b < RW; b = b + 1) begin
          a = {{(32-AW){1'b0}}, rd_addr_i[p*AW +: AW]} + b;
          if (a < BYTES) begin
            rd_data_o[(p*RW + b)*8 +: 8] = mem[a[AW-1:0]];
          end
        end
      end
    end
  end

  integer d;
  reg [31:0] da;
  always @* begin
    dma_rd_data_o = {DW*8{1'b0}};
    da = 32'd0;
    if (dma_rd_en_i) begin
      for (d = 0; d < DW; d = d + 1) begin
        da = {{(32-AW){1'b0}}, dma_rd_addr_i} + d;
        if (da < BYTES) begin
          dma_rd_data_o[d*8 +: 8] = mem[da[AW-1:0]];
        end
      end
    end
  end

  // Blocking writes (a behavioural memory: every read above is
  // combinational, so the order within the edge does not matter).
  integer q, c, m;
  reg [31:0] w;
  /* verilator lint_off BLKSEQ */
  always @(posedge clk_i) begin
    for (q = 0; q < WP; q = q + 1) begin
      if (wr_en_i[q]) begin
        m = {24'd0, wr_len_i[q*8 +: 8]};
        for (c = 0; c < m && c < WW; c = c + 1) begin
          w = {{(32-AW){1'b0}}, wr_addr_i[q*AW +: AW]} + c;
          if (w < BYTES) begin
            mem[w[AW-1:0]] = wr_data_i[(q*WW + c)*8 +: 8];
          end
        end
      end
    end
    if (dma_wr_en_i) begin
      for (c = 0; c < {16'd0, dma_wr_len_i} && c < DW; c = c + 1) begin
        w = {{(32-AW){1'b0}}, dma_wr_addr_i} + c;
        if (w < BYTES) begin
          mem[w[AW-1:0]] = dma_wr_data_i[c*8 +: 8];
        end
      end
    end
  end
  /* verilator lint_on BLKSEQ */

endmodule
/* verilator lint_on WIDTH */
