	// verilator_coverage annotation
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
 4080066	  input  wire               clk_i,
	
 2529502	  input  wire [RP-1:0]      rd_en_i,
 4294354	  input  wire [RP*AW-1:0]   rd_addr_i,
 000229	  input  wire [RP*8-1:0]    rd_len_i,     // bytes, 1..RW
 133952264	  output reg  [RP*RW*8-1:0] rd_data_o,
	
 125204	  input  wire [WP-1:0]      wr_en_i,
 284276	  input  wire [WP*AW-1:0]   wr_addr_i,
 000109	  input  wire [WP*8-1:0]    wr_len_i,     // bytes, 1..WW
 467818	  input  wire [WP*WW*8-1:0] wr_data_i,
	
 000006	  input  wire               dma_rd_en_i,
 822705	  input  wire [AW-1:0]      dma_rd_addr_i,
 000368	  output reg  [DW*8-1:0]    dma_rd_data_o,
 000580	  input  wire               dma_wr_en_i,
 2468407	  input  wire [AW-1:0]      dma_wr_addr_i,
 612366	  input  wire [15:0]        dma_wr_len_i, // bytes, 1..DW
 56058180	  input  wire [DW*8-1:0]    dma_wr_data_i
	);
	
	  reg [7:0] mem [0:BYTES-1];
	
	  // Loops run over the requested bytes only: an idle port costs nothing.
	  integer p, b, n;
 4390594	  reg [31:0] a;
 000012	  always @* begin
 000006	    a = 32'd0;
 000006	    n = 0;
 000006	    for (p = 0; p < RP; p = p + 1) begin
 000058	    verilator_coverage: (next point on previous line)

	      // port by port: a replication of all RP*RW*8 bits exceeds Verilator's
	      // 8K-bit WIDTHCONCAT limit for wide arrays (2*COLS weight read ports)
 000029	      rd_data_o[p*RW*8 +: RW*8] = {RW*8{1'b0}};
 2635392	      if (rd_en_i[p]) begin
 7561301	      verilator_coverage: (next point on previous line)

 1317696	        n = {24'd0, rd_len_i[p*8 +: 8]};
 1317696	        for (b = 0; b < n && b < RW; b = b + 1) begin
 202113208	        verilator_coverage: (next point on previous line)

 101056604	          a = {{(32-AW){1'b0}}, rd_addr_i[p*AW +: AW]} + b;
 202113208	          if (a < BYTES) begin
%000000	          verilator_coverage: (next point on previous line)

 101056604	            rd_data_o[(p*RW + b)*8 +: 8] = mem[a[AW-1:0]];
	          end
	        end
	      end
	    end
	  end
	
	  integer d;
 000064	  reg [31:0] da;
 000012	  always @* begin
 000006	    dma_rd_data_o = {DW*8{1'b0}};
 000006	    da = 32'd0;
 000030	    if (dma_rd_en_i) begin
 2040273	    verilator_coverage: (next point on previous line)

 000015	      for (d = 0; d < DW; d = d + 1) begin
 000480	      verilator_coverage: (next point on previous line)

 000240	        da = {{(32-AW){1'b0}}, dma_rd_addr_i} + d;
 000480	        if (da < BYTES) begin
%000000	        verilator_coverage: (next point on previous line)

 000240	          dma_rd_data_o[d*8 +: 8] = mem[da[AW-1:0]];
	        end
	      end
	    end
	  end
	
	  // Blocking writes (a behavioural memory: every read above is
	  // combinational, so the order within the edge does not matter).
	  integer q, c, m;
 890237	  reg [31:0] w;
	  /* verilator lint_off BLKSEQ */
 4080072	  always @(posedge clk_i) begin
 2040036	    for (q = 0; q < WP; q = q + 1) begin
 8639342	    verilator_coverage: (next point on previous line)

 261984	      if (wr_en_i[q]) begin
 4188679	      verilator_coverage: (next point on previous line)

 130992	        m = {24'd0, wr_len_i[q*8 +: 8]};
 130992	        for (c = 0; c < m && c < WW; c = c + 1) begin
 760080	        verilator_coverage: (next point on previous line)

 380040	          w = {{(32-AW){1'b0}}, wr_addr_i[q*AW +: AW]} + c;
 760080	          if (w < BYTES) begin
%000000	          verilator_coverage: (next point on previous line)

 380040	            mem[w[AW-1:0]] = wr_data_i[(q*WW + c)*8 +: 8];
	          end
	        end
	      end
	    end
 823138	    if (dma_wr_en_i) begin
 1628467	    verilator_coverage: (next point on previous line)

 411569	      for (c = 0; c < {16'd0, dma_wr_len_i} && c < DW; c = c + 1) begin
 9839904	      verilator_coverage: (next point on previous line)

 4919952	        w = {{(32-AW){1'b0}}, dma_wr_addr_i} + c;
 9839904	        if (w < BYTES) begin
%000000	        verilator_coverage: (next point on previous line)

 4919952	          mem[w[AW-1:0]] = dma_wr_data_i[c*8 +: 8];
	        end
	      end
	    end
	  end
	  /* verilator lint_on BLKSEQ */
	
	endmodule
	/* verilator lint_on WIDTH */
	
