/**
 * @file isa.h
 * Run-time choice of the instruction set for the quantization kernels.
 * The library is built for baseline x86-64 and carries AVX2 and AVX-512
 * variants of its kernels; the best one the CPU supports is picked on first
 * use. All variants give identical bits. The environment variable
 * MXACCEL_ISA=generic|avx2|avx512 (or mx_isa_force) selects a lower one.
 */
#ifndef MXACCEL_ISA_H
#define MXACCEL_ISA_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mx_isa { MX_ISA_GENERIC, MX_ISA_AVX2, MX_ISA_AVX512, MX_ISA_COUNT } mx_isa;

/** The kernel variant in use. */
mx_isa mx_isa_active(void);
const char *mx_isa_name(mx_isa isa);
/** True if this CPU can run the variant. */
int mx_isa_supported(mx_isa isa);
/** Use this variant from now on; returns -1 (and changes nothing) if unsupported. */
int mx_isa_force(mx_isa isa);
/** Parse "generic" | "avx2" | "avx512"; -1 if unknown. */
int mx_isa_from_name(const char *name, mx_isa *out);

#ifdef __cplusplus
}
#endif
#endif
