/* The hw profile's exact block dots with the zero activations skipped.
 *
 * After relu most activations are zero (about half of conv2's inputs, two
 * thirds of fc1's), so the block products are summed over the non-zero
 * activations only, 64 outputs at a time: d[o] = sum_e val[e] * w[idx[e]][o]
 * over one list e in [start[0], start[1]), for count lists in a row.
 * Every product and partial sum is exact in double (hw_dot_exact_in_double),
 * so neither the skipped zero terms (w is finite) nor the order nor fused
 * multiply-adds can change a bit; d starts at +0, so an exact zero sum is +0.
 * Each d is then rounded once to fp32 and added to its fp32 accumulator.
 * Compiled once per instruction set with -ffp-contract=fast. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "exact_sparse.h"
#include "kernel_name.h"

typedef double v8d __attribute__((vector_size(64)));
typedef float v8f __attribute__((vector_size(32)));

static inline v8d load8(const double *p)
{
    v8d v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* acc[0..7] += fp32(d) */
static inline void add8(float *acc, v8d d)
{
    v8f a;
    memcpy(&a, acc, sizeof a);
    a += __builtin_convertvector(d, v8f);
    memcpy(acc, &a, sizeof a);
}

void KNAME(mx_exact_sparse_acc64)(const double *w, size_t ldw, const uint16_t *idx,
                                  const double *val, const uint32_t *start, size_t start_step,
                                  size_t count, float *acc, size_t acc_step)
{
    for (size_t r = 0; r < count; r++, start += start_step, acc += acc_step) {
        const v8d zero = {0, 0, 0, 0, 0, 0, 0, 0};
        v8d d0 = zero, d1 = zero, d2 = zero, d3 = zero, d4 = zero, d5 = zero, d6 = zero,
            d7 = zero;
        for (uint32_t e = start[0]; e < start[1]; e++) {
            const double *row = w + (size_t)idx[e] * ldw;
            const double v = val[e];
            const v8d x = {v, v, v, v, v, v, v, v};
            d0 += x * load8(row);
            d1 += x * load8(row + 8);
            d2 += x * load8(row + 16);
            d3 += x * load8(row + 24);
            d4 += x * load8(row + 32);
            d5 += x * load8(row + 40);
            d6 += x * load8(row + 48);
            d7 += x * load8(row + 56);
        }
        add8(acc, d0);
        add8(acc + 8, d1);
        add8(acc + 16, d2);
        add8(acc + 24, d3);
        add8(acc + 32, d4);
        add8(acc + 40, d5);
        add8(acc + 48, d6);
        add8(acc + 56, d7);
    }
}
