	// verilator_coverage annotation
	// Largest of N = 2^L unsigned magnitudes, as a balanced tree of L comparator
	// levels. IEEE-like magnitude fields order like the values they encode.
	module mx_max_tree #(
	  parameter integer L = 5,
	  parameter integer W = 7
	) (
 170321536	  input  wire [(W<<L)-1:0] mag_i,
 14086240	  output wire [W-1:0]      max_o
	);
	
	  genvar l, j;
	  generate
	    for (l = 0; l <= L; l = l + 1) begin : g_lvl
	      // Level l holds 2^(L-l) candidates.
	      wire [(W<<(L-l))-1:0] v;
	      if (l == 0) begin : g_in
	        assign v = mag_i;
	      end else begin : g_cmp
	        for (j = 0; j < (1 << (L - l)); j = j + 1) begin : g_pair
	          wire [W-1:0] a = g_lvl[l-1].v[(2*j)*W +: W];
	          wire [W-1:0] b = g_lvl[l-1].v[(2*j+1)*W +: W];
	          assign v[j*W +: W] = (b > a) ? b : a;
	        end
	      end
	    end
	  endgenerate
	
	  assign max_o = g_lvl[L].v;
	
	endmodule
	
