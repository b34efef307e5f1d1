/* The hw profile's block matrix product D = A B in double, for operands whose
 * every product and partial sum is exact in double (hw_dot_exact_in_double):
 * then no order of summation and no fused multiply-add can change a bit, so
 * this file is free to use both (compiled with -ffp-contract=fast, once per
 * instruction set like the quantization kernels). */
#include <stddef.h>
#include <string.h>

#include "exact_gemm.h"
#include "kernel_name.h"


typedef double v8d __attribute__((vector_size(64)));

static inline v8d load8(const double *p)
{
    v8d v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline void store8(double *p, v8d v)
{
    memcpy(p, &v, sizeof v);
}

/* A 4 x 32 tile of D kept in registers across the whole k loop. */
static inline void tile4x32(const double *a, const double *b, double *d, size_t n, size_t k,
                            size_t lda)
{
    v8d acc[4][4];
    memset(acc, 0, sizeof acc);
    for (size_t kk = 0; kk < k; kk++) {
        const double *brow = b + kk * n;
        const v8d b0 = load8(brow), b1 = load8(brow + 8), b2 = load8(brow + 16),
                  b3 = load8(brow + 24);
        for (int r = 0; r < 4; r++) {
            const v8d x = (v8d){0, 0, 0, 0, 0, 0, 0, 0} + a[(size_t)r * lda + kk];
            acc[r][0] += x * b0;
            acc[r][1] += x * b1;
            acc[r][2] += x * b2;
            acc[r][3] += x * b3;
        }
    }
    for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
            store8(d + (size_t)r * n + (size_t)c * 8, acc[r][c]);
        }
    }
}

/* Anything the tiles leave: plain loops. */
static void edge(const double *a, const double *b, double *d, size_t m0, size_t m1, size_t n0,
                 size_t n1, size_t n, size_t k, size_t lda)
{
    for (size_t i = m0; i < m1; i++) {
        for (size_t j = n0; j < n1; j++) {
            double s = 0.0;
            for (size_t kk = 0; kk < k; kk++) {
                s += a[i * lda + kk] * b[kk * n + j];
            }
            d[i * n + j] = s;
        }
    }
}

void KNAME(mx_exact_gemm)(const double *a, const double *b, double *d, size_t m, size_t n,
                          size_t k, size_t lda)
{
    const size_t m4 = m - m % 4;
    const size_t n32 = n - n % 32;
    for (size_t i = 0; i < m4; i += 4) {
        for (size_t j = 0; j < n32; j += 32) {
            tile4x32(a + i * lda, b + j, d + i * n + j, n, k, lda);
        }
    }
    edge(a, b, d, 0, m4, n32, n, n, k, lda);
    edge(a, b, d, m4, m, 0, n, n, k, lda);
}
