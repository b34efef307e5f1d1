# Sources of the MX dot-product PE (top first), relative to rtl/.
mx_pe.v
mx_elem_dec.v
mx_fp32_round.v
mx_fp32_add.v
