# Sources of the shared-exponent unit (top first), relative to rtl/.
mx_seu.v
mx_seu_max.v
mx_seu_elem.v
