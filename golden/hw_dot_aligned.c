/* hw block dot of bfloat16 operands (the aligned rule); see hw_dot_aligned.h.
 *
 * Product i is P_i * 2^(x_i - 14), P_i = ma * mb < 2^16, x_i = ea + eb. With X
 * the largest x_i of a non-zero product, term i is P_i * 2^(G - (X - x_i))
 * truncated toward zero: the product's value in units of 2^(X - 14 - G),
 * truncated. Each product is exact in double and scaling by a power of two
 * keeps it exact, so the truncation is one conversion to int64. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "hw_dot_aligned.h"

enum { DBL_BIAS = 1023 };

/* 32 terms below 2^(16 + G) sum exactly in a double (and in an int64 for
 * blocks up to MX_MAX_BLOCK_SIZE = 2^10). */
_Static_assert(HW_DOT_ALIGN_GUARD + 16 + 5 <= 53, "G too wide for a double sum");

/* Two lanes (GCC vector extensions; SSE2 registers on x86-64). */
typedef double v2d __attribute__((vector_size(16)));
typedef int64_t v2l __attribute__((vector_size(16)));

bool hw_dot_aligned_for(const mx_format *a, const mx_format *b)
{
    return a && b && a->id == MX_FMT_BFLOAT16 && b->id == MX_FMT_BFLOAT16;
}

/* 2^k for -1022 <= k <= 1023. */
static inline double pow2(int k)
{
    const uint64_t u = (uint64_t)(k + DBL_BIAS) << 52;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static inline v2d select(v2l mask, v2d yes, v2d no)
{
    return (v2d)(((v2l)yes & mask) | ((v2l)no & ~mask));
}

/* 2^floor(log2|v|) per lane: v's exponent field alone (v is an fp32 value,
 * so normal in double). */
static inline v2d pow2_floor(v2d v)
{
    const v2l field = {0x7ff0000000000000, 0x7ff0000000000000};
    return (v2d)((v2l)v & field);
}

/* 2^e(v) = 2^max(floor(log2|v|), -126) per lane. */
static inline v2d pow2_exp(v2d v)
{
    const v2d emin = {0x1p-126, 0x1p-126};
    const v2d e = pow2_floor(v);
    return select(e > emin, e, emin);
}

/* Running 2^X over the non-zero products, the smallest product exponent
 * 2^(floor(log2|a|) + floor(log2|b|)) (unclamped: a value below 2^-126 that
 * is not a bfloat16 value has bits below 2^-133), and the plain sum. */
struct scan {
    v2d hi, lo, sum;
};

static inline void scan2(struct scan *sc, v2d a, v2d b)
{
    const v2d zero = {0, 0};
    const v2d inf = {INFINITY, INFINITY};
    const v2d p = a * b;
    const v2l nz = p != zero;
    const v2d xhi = select(nz, pow2_exp(a) * pow2_exp(b), zero); /* 2^(ea + eb) */
    const v2d xlo = select(nz, pow2_floor(a) * pow2_floor(b), inf);
    sc->hi = select(xhi > sc->hi, xhi, sc->hi);
    sc->lo = select(xlo < sc->lo, xlo, sc->lo);
    sc->sum += p;
}

/* s * 2^k rounded once to fp32 (s != 0; s * 2^k is within double's normal
 * range here). Below 2^53 the conversion to double is exact; wider sums
 * (blocks above 32 elements) fold their low bits into a sticky bit, which
 * lies far below fp32's rounding position. */
static float round_scaled(int64_t s, int k)
{
    uint64_t mag = s < 0 ? -(uint64_t)s : (uint64_t)s;
    if (mag >> 53) {
        const int sh = 64 - __builtin_clzll(mag) - 53;
        const bool sticky = (mag & ((UINT64_C(1) << sh) - 1)) != 0;
        mag = (mag >> sh) | (uint64_t)sticky;
        k += sh;
    }
    const double d = (double)mag * pow2(k);
    return (float)(s < 0 ? -d : d);
}

float hw_block_dot_aligned(const double *a, const double *b, size_t n)
{
    /* two scans of two lanes each: independent dependency chains */
    struct scan sc[2] = {{{0, 0}, {INFINITY, INFINITY}, {0, 0}},
                         {{0, 0}, {INFINITY, INFINITY}, {0, 0}}};
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        v2d va[2], vb[2];
        memcpy(va, a + i, sizeof va);
        memcpy(vb, b + i, sizeof vb);
        scan2(&sc[0], va[0], vb[0]);
        scan2(&sc[1], va[1], vb[1]);
    }
    for (; i < n; i++) {
        const v2d va = {a[i], 0}, vb = {b[i], 0}; /* zero products are ignored */
        scan2(&sc[0], va, vb);
    }
    double xmax = 0.0, xmin = INFINITY, s = 0.0; /* 2^X, 2^xmin, the sum */
    for (int h = 0; h < 2; h++) {
        for (int j = 0; j < 2; j++) {
            xmax = sc[h].hi[j] > xmax ? sc[h].hi[j] : xmax;
            xmin = sc[h].lo[j] < xmin ? sc[h].lo[j] : xmin;
            s += sc[h].sum[j];
        }
    }
    if (!isfinite(s)) {
        /* an Inf or NaN operand (finite products cannot overflow): the plain
         * sum is NaN for NaN, Inf * 0 and Inf - Inf, else the Inf */
        return (float)s;
    }
    if (n <= 32 && xmax <= xmin * pow2(HW_DOT_ALIGN_GUARD)) {
        /* With 8-bit operands product i is a multiple of 2^(xr_i - 14),
         * xr_i = floor(log2|a_i|) + floor(log2|b_i|) >= xmin >= X - G, and
         * below 2^(X + 2): every term is exact, and so is any double sum of
         * up to 32 of them (below 2^(21 + G) <= 2^53 units). */
        return s == 0.0 ? 0.0f : (float)s;
    }
    /* Terms in units of 2^(X - 14 - G): products scaled by 2^(G + 14 - X). */
    int e = 0;
    (void)frexp(xmax, &e); /* xmax = 2^X = 2^(e - 1) */
    const int k = HW_DOT_ALIGN_GUARD + 14 - (e - 1);
    const double scale = pow2(k);
    int64_t t = 0;
    for (i = 0; i < n; i++) {
        t += (int64_t)(a[i] * b[i] * scale); /* truncates toward zero */
    }
    return t == 0 ? 0.0f : round_scaled(t, -k);
}
