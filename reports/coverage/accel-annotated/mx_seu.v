	// verilator_coverage annotation
	// Shared-Exponent Unit: one block of 32 elementwise codes (fpN / bfloatN,
	// IEEE-like) to the E8M0 scale and 32 MX element codes, exactly as the hw
	// profile's MX block quantization (scale bits 8, block 32) and golden/mx_pack.c.
	// Two register stages, one block per cycle (docs/datapath.md, "SEU").
	module mx_seu #(
	  parameter integer IN_EB   = 5,   // input exponent bits: 5 (fpN) or 8 (bfloatN)
	  parameter integer IN_W    = 8,   // input code bits
	  parameter integer OUT_FMT = 4,   // mx_format_id of the element format (0..7)
	  parameter integer ROUND   = 0,   // mx_round: 0 nearest (ties away), 1 floor, 2 even
	  // Derived; not meant to be overridden.
	  parameter integer OCW     = mx_code_bits(OUT_FMT)
	) (
 007072	  input  wire               clk_i,
 000006	  input  wire               rst_ni,
 000032	  input  wire               in_valid_i,
 000002	  output wire               in_ready_o,
 11649096	  input  wire [32*IN_W-1:0] in_codes_i,   // element i at [i*IN_W +: IN_W]
 000032	  output reg                out_valid_o,
 000002	  input  wire               out_ready_i,
 003506	  output reg  [7:0]         out_scale_o,  // E8M0; 8'hff = NaN
 078202	  output reg  [32*OCW-1:0]  out_codes_o   // element i at [i*OCW +: OCW]; 0 for a NaN scale
	);
	
	  `include "mx_formats.vh"
	
	  localparam integer N     = 32;
	  localparam integer MW    = IN_W - 1;
	  localparam integer IN_TB = IN_W - 1 - IN_EB;
	  localparam integer IN_BIAS = (1 << (IN_EB - 1)) - 1;
	  localparam integer OEMAX = mx_emax(OUT_FMT);
	  localparam integer XW    = 12;
	  // floor(log2 |x|) of field 1 / of the lowest subnormal, relative to emax.
	  localparam integer I_NORM0 = 0 - IN_BIAS - OEMAX;
	  localparam integer I_SUB0  = 1 - IN_BIAS - IN_TB - OEMAX;
	  localparam integer I_SMIN  = -127;
	  localparam [XW-1:0] C_NORM0 = I_NORM0[XW-1:0];
	  localparam [XW-1:0] C_SUB0  = I_SUB0[XW-1:0];
	  localparam [XW-1:0] C_SMIN  = I_SMIN[XW-1:0];
	  localparam [XW-1:0] C_SMAX  = 12'd127;
	
	  // The pipeline advances when the output register is free or being read.
 000002	  wire advance = out_ready_i | ~out_valid_o;
	  assign in_ready_o = advance;
	
	  // ---- Stage 1: block maximum, NaN detection, shared exponent ----
 11649092	  wire [N*MW-1:0] mags;
 111184	  wire [N-1:0]    special;
	  genvar i;
	  generate
	    for (i = 0; i < N; i = i + 1) begin : g_mag
	      assign mags[i*MW +: MW] = in_codes_i[i*IN_W +: MW];
	      assign special[i] = &in_codes_i[i*IN_W + IN_TB +: IN_EB];
	    end
	  endgenerate
	
 1206740	  wire [MW-1:0] mmax;
	  mx_max_tree #(.L(5), .W(MW)) u_max (.mag_i(mags), .max_o(mmax));
	
 1062206	  wire [IN_EB-1:0] max_ef = mmax[MW-1:IN_TB];
 144534	  wire [IN_TB-1:0] max_tf = mmax[IN_TB-1:0];
	
	  // se = floor(log2 max) - emax(elem), read from the encoding; msb_t is the
	  // leading one of a subnormal maximum (0..IN_TB-1).
	  localparam integer MTW = (IN_TB > 1) ? $clog2(IN_TB) : 1;
 123750	  reg  [MTW-1:0] msb_t;
 2353618	  reg  [XW-1:0]  se_raw;
 1036746	  reg  [8:0]     se_d;
 076850	  reg            nan_d;
	  integer        b;
 000004	  always @* begin
 000002	    msb_t = {MTW{1'b0}};
 000002	    for (b = 0; b < IN_TB; b = b + 1) begin
 000008	    verilator_coverage: (next point on previous line)

 146824	      if (max_tf[b]) begin
 1688248	      verilator_coverage: (next point on previous line)

 073412	        msb_t = b[MTW-1:0];
	      end
	    end
 000002	    se_raw = (max_ef != {IN_EB{1'b0}}) ? {{(XW-IN_EB){1'b0}}, max_ef} + C_NORM0
 000002	                                       : {{(XW-MTW){1'b0}}, msb_t} + C_SUB0;
 000002	    nan_d = (|special) | ($signed(se_raw) > $signed(C_SMAX));
 1509940	    if (mmax == {MW{1'b0}} || $signed(se_raw) < $signed(C_SMIN)) begin
 125860	    verilator_coverage: (next point on previous line)

 754970	      se_d = C_SMIN[8:0];
 125860	    end else begin
 125860	      se_d = se_raw[8:0];
	    end
	  end
	
 000032	  reg              s1_valid;
%000000	  reg              s1_nan;
 004086	  reg signed [8:0] s1_se;
 074148	  reg [N*IN_W-1:0] s1_codes;
	
 007076	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      s1_valid <= 1'b0;
 000002	      s1_nan   <= 1'b0;
 000002	      s1_se    <= 9'sd0;
 000002	      s1_codes <= {(N*IN_W){1'b0}};
 007072	    end else if (advance) begin
%000000	    verilator_coverage: (next point on previous line)

 003536	      s1_valid <= in_valid_i;
 003536	      s1_nan   <= nan_d;
 003536	      s1_se    <= se_d;
 003536	      s1_codes <= in_codes_i;
	    end
	  end
	
	  // ---- Stage 2: element quantization and encoding ----
 078202	  wire [N*OCW-1:0] codes_d;
	  generate
	    for (i = 0; i < N; i = i + 1) begin : g_elem
	      mx_seu_elem #(
	        .IN_EB  (IN_EB),
	        .IN_W   (IN_W),
	        .OUT_FMT(OUT_FMT),
	        .ROUND  (ROUND)
	      ) u_elem (
	        .code_i(s1_codes[i*IN_W +: IN_W]),
	        .se_i  (s1_se),
	        .code_o(codes_d[i*OCW +: OCW])
	      );
	    end
	  endgenerate
	
 003506	  wire [7:0] scale_d = s1_se[7:0] + 8'd127;  // se in -127..127
	
 007076	  always @(posedge clk_i or negedge rst_ni) begin
 000004	    if (!rst_ni) begin
 000002	      out_valid_o <= 1'b0;
 000002	      out_scale_o <= 8'h00;
 000002	      out_codes_o <= {(N*OCW){1'b0}};
 007072	    end else if (advance) begin
%000000	    verilator_coverage: (next point on previous line)

 003536	      out_valid_o <= s1_valid;
 003536	      out_scale_o <= s1_nan ? 8'hff : scale_d;
 003536	      out_codes_o <= s1_nan ? {(N*OCW){1'b0}} : codes_d;
	    end
	  end
	
	endmodule
	
