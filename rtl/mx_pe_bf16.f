# Sources of the bfloat16 dot-product PE (top first), relative to rtl/.
mx_pe_bf16.v
common/mx_max_tree.v
common/mx_pe_acc.v
common/mx_fp32_round.v
common/mx_fp32_add.v
