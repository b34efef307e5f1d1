# Sources of the elementwise ALU (top first), relative to rtl/.
mx_alu.v
mx_alu_dec.v
mx_alu_add.v
mx_alu_mul.v
mx_alu_div.v
mx_alu_cmp.v
mx_alu_rom.v
mx_alu_round.v
mx_alu_to_f32.v
common/mx_fp32_round.v
common/mx_fp32_add.v
