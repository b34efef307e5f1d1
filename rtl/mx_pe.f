# Sources of the MX dot-product PE (top first), relative to rtl/.
mx_pe.v
common/mx_elem_dec.v
common/mx_pe_acc.v
common/mx_fp32_round.v
common/mx_fp32_add.v
