# Sources of the bfloat16 dot-product PE (top first), relative to rtl/.
mx_pe_bf16.v
mx_seu_max.v
mx_fp32_round.v
mx_fp32_add.v
