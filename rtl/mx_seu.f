# Sources of the shared-exponent unit (top first), relative to rtl/.
mx_seu.v
common/mx_max_tree.v
mx_seu_elem.v
