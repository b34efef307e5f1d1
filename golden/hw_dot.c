/* hw block dot product; see hw_dot.h. */
#include <math.h>

#include "hw_dot.h"

/* Exponent of the smallest non-zero magnitude of a format (its quantum). */
static int quantum_exp(const mx_format *f)
{
    const int p = mx_format_trailing_bits(f);
    return f->ebits == 0 ? -p : f->emin - p;
}

bool hw_dot_exact_in_double(const mx_format *a, const mx_format *b, int block_size)
{
    if (!a || !b) {
        return false;
    }
    /* products are multiples of 2^(qa+qb); sums stay below n * max_a * max_b */
    const double top = log2((double)block_size) + log2((double)a->max_norm) +
                       log2((double)b->max_norm);
    return ceil(top) - (quantum_exp(a) + quantum_exp(b)) <= 53.0;
}

/* Correct rounding of hi + lo (|lo| <= ulp(hi) / 2) to fp32: (float)hi is
 * right unless hi sits exactly halfway between two floats, where lo decides. */
static float dd_to_float(double hi, double lo)
{
    float f = (float)hi;
    if (lo != 0.0 && (double)f != hi) {
        const float other = hi > (double)f ? nextafterf(f, INFINITY) : nextafterf(f, -INFINITY);
        const double mid = ((double)f + (double)other) * 0.5;
        if (hi == mid && ((lo > 0.0) == (other > f))) {
            f = other;
        }
    }
    return f;
}

float hw_block_dot(const double *a, const double *b, size_t n, bool exact_double)
{
    if (exact_double) {
        /* eight independent partial sums: exact, so their order is immaterial */
        double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        size_t k = 0;
        for (; k + 8 <= n; k += 8) {
            for (int j = 0; j < 8; j++) {
                s[j] += a[k + (size_t)j] * b[k + (size_t)j];
            }
        }
        for (; k < n; k++) {
            s[0] += a[k] * b[k];
        }
        const double sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        return sum == 0.0 ? 0.0f : (float)sum;
    }
    double hi = 0.0, lo = 0.0;
    for (size_t k = 0; k < n; k++) {
        const double p = a[k] * b[k];
        const double s = hi + p;
        const double bp = s - hi;
        lo += (hi - (s - bp)) + (p - bp); /* TwoSum error term */
        hi = s;
    }
    if (!isfinite(hi)) {
        /* an Inf or NaN product: hi is the plain sum (Inf, or NaN for
         * Inf - Inf and NaN), while lo is NaN from Inf - Inf */
        return (float)hi;
    }
    const double s = hi + lo; /* renormalize (Fast2Sum) */
    lo = lo - (s - hi);
    hi = s;
    if (hi == 0.0 && lo == 0.0) {
        return 0.0f;
    }
    return dd_to_float(hi, lo);
}
