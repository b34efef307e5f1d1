/* Names of per-ISA kernel symbols: a file compiled once per instruction set
 * (MX_KERNEL_ISA = generic | avx2 | avx512) names its entry points
 * KNAME(f), giving f_generic, f_avx2, f_avx512. Internal header. */
#ifndef MXACCEL_KERNEL_NAME_H
#define MXACCEL_KERNEL_NAME_H

#ifndef MX_KERNEL_ISA
#error "MX_KERNEL_ISA must name the instruction set of this compilation"
#endif
#define KCAT2(a, b) a##_##b
#define KCAT(a, b) KCAT2(a, b)
#define KNAME(name) KCAT(name, MX_KERNEL_ISA)

#endif
