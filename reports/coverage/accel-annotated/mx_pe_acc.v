	// verilator_coverage annotation
	// The last two stages of both dot-product PEs (mx_pe, mx_pe_bf16): a
	// register for the block's fp32 result r, then acc = (first ? +0 : acc) + r
	// in the shared fp32 adder; a last transaction emits acc. Both stages
	// advance with adv_i, as the PE's earlier stages do.
	module mx_pe_acc (
 10037016	  input  wire        clk_i,
 000093	  input  wire        rst_ni,
 000031	  input  wire        adv_i,
 4371888	  input  wire        valid_i,
 481759	  input  wire        first_i,
 481728	  input  wire        last_i,
 34866737	  input  wire [31:0] r_i,
 469072	  output wire        out_valid_o,
 18408589	  output wire [31:0] out_data_o
	);
	
 4371888	  reg        r_valid_q, r_first_q, r_last_q;
 481759	  verilator_coverage: (next point on previous line)

 481728	  verilator_coverage: (next point on previous line)

 34866737	  reg [31:0] r_q;
	
 10037078	  always @(posedge clk_i or negedge rst_ni) begin
 000062	    if (!rst_ni) begin
 000031	      r_valid_q <= 1'b0;
 000031	      r_first_q <= 1'b0;
 000031	      r_last_q  <= 1'b0;
 000031	      r_q       <= 32'd0;
 10037016	    end else if (adv_i) begin
%000000	    verilator_coverage: (next point on previous line)

 5018508	      r_valid_q <= valid_i;
 5018508	      r_first_q <= first_i;
 5018508	      r_last_q  <= last_i;
 5018508	      r_q       <= r_i;
	    end
	  end
	
 18408589	  reg  [31:0] acc_q;
 469072	  reg         out_valid_q;
 26863396	  wire [31:0] acc_sum;
	
	  mx_fp32_add u_add (
	    .a_i   (r_first_q ? 32'd0 : acc_q),
	    .b_i   (r_q),
	    .sum_o (acc_sum)
	  );
	
 10037078	  always @(posedge clk_i or negedge rst_ni) begin
 000062	    if (!rst_ni) begin
 000031	      acc_q       <= 32'd0;
 000031	      out_valid_q <= 1'b0;
 10037016	    end else if (adv_i) begin
%000000	    verilator_coverage: (next point on previous line)

 4506944	      if (r_valid_q) begin
 2765036	      verilator_coverage: (next point on previous line)

 2253472	        acc_q <= acc_sum;
	      end
 5018508	      out_valid_q <= r_valid_q & r_last_q;
	    end
	  end
	
	  assign out_valid_o = out_valid_q;
	  assign out_data_o  = acc_q;
	
	endmodule
	
