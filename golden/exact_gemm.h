/* D[m][n] = sum_k A[m][k] * B[k][n] in double, for operands whose products and
 * partial sums are all exact (the hw profile's MX block products; see
 * hw_dot.h). Variants per instruction set, chosen at run time. Internal. */
#ifndef MXACCEL_EXACT_GEMM_H
#define MXACCEL_EXACT_GEMM_H

#include <stddef.h>

void mx_exact_gemm_generic(const double *a, const double *b, double *d, size_t m, size_t n,
                           size_t k, size_t lda);
void mx_exact_gemm_avx2(const double *a, const double *b, double *d, size_t m, size_t n,
                        size_t k, size_t lda);
void mx_exact_gemm_avx512(const double *a, const double *b, double *d, size_t m, size_t n,
                          size_t k, size_t lda);

/* The variant of the active instruction set (mx_isa_active()). */
/* A's rows are lda apart; B is [k][n], D is [m][n]. */
void mx_exact_gemm(const double *a, const double *b, double *d, size_t m, size_t n, size_t k,
                   size_t lda);

#endif
