#include "pe_bf16_ref.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr uint32_t kNaN = 0x7fc00000u;
constexpr uint32_t kInf = 0x7f800000u;

// A bfloat16 code as (-1)^neg * m * 2^(e - 7).
struct Elem {
    bool neg, zero, inf, nan;
    uint32_t m;
    int e;
};

Elem decode(uint16_t c)
{
    const int field = (c >> 7) & 0xff;
    const uint32_t frac = c & 0x7fu;
    Elem r;
    r.neg = (c & 0x8000u) != 0;
    r.inf = field == 0xff && frac == 0;
    r.nan = field == 0xff && frac != 0;
    r.zero = field == 0 && frac == 0;
    r.m = field == 0 ? frac : 0x80u + frac;
    r.e = field == 0 ? -126 : field - 127;
    return r;
}

int bit_length(u128 v)
{
    int n = 0;
    while (v != 0) {
        v >>= 1;
        n++;
    }
    return n;
}

// (-1)^neg * mag * 2^exp rounded to fp32: nearest, ties to even, subnormals,
// overflow to Inf; mag = 0 gives a zero of that sign.
}  // namespace

uint32_t ref_round_fp32(bool neg, ref_u128 mag, int exp)
{
    const uint32_t sign = neg ? 0x80000000u : 0u;
    if (mag == 0) {
        return sign;
    }
    const int top = bit_length(mag) - 1 + exp;  // floor(log2 value)
    const int q = top < -126 ? -149 : top - 23;  // exponent of the result's quantum
    const int shift = q - exp;
    u128 k;
    if (shift <= 0) {
        k = mag << -shift;
    } else if (shift > 127) {
        k = 0;  // below a quarter of the quantum: rounds to zero
    } else {
        k = mag >> shift;
        const u128 rem = mag - (k << shift);
        const u128 half = (u128)1 << (shift - 1);
        if (rem > half || (rem == half && (k & 1) != 0)) {
            k++;
        }
    }
    int qe = q;
    if (k == ((u128)1 << 24)) {  // rounded up to the next binade
        k >>= 1;
        qe++;
    }
    if (k < ((u128)1 << 23)) {  // subnormal (or zero)
        return sign | (uint32_t)k;
    }
    const int biased = qe + 23 + 127;
    if (biased >= 255) {
        return sign | kInf;
    }
    return sign | (uint32_t)biased << 23 | ((uint32_t)k - (1u << 23));
}

namespace {

// Inf/NaN rules of the PE; false when no code is Inf or NaN.
bool special(const uint16_t *a, const uint16_t *w, int n, uint32_t *out)
{
    bool any = false, nan = false, pos = false, neg = false;
    for (int i = 0; i < n; i++) {
        const Elem x = decode(a[i]), y = decode(w[i]);
        any = any || x.inf || x.nan || y.inf || y.nan;
        nan = nan || x.nan || y.nan || (x.inf && y.zero) || (x.zero && y.inf);
        if (x.inf || y.inf) {
            (x.neg != y.neg ? neg : pos) = true;
        }
    }
    if (!any) {
        return false;
    }
    *out = (nan || (pos && neg)) ? kNaN : pos ? kInf : (kInf | 0x80000000u);
    return true;
}

// Largest and smallest x = ea + eb over the non-zero products.
bool exponent_range(const uint16_t *a, const uint16_t *w, int n, int *xmax, int *xmin)
{
    *xmax = INT_MIN;
    *xmin = INT_MAX;
    for (int i = 0; i < n; i++) {
        const Elem x = decode(a[i]), y = decode(w[i]);
        if (x.m * y.m == 0 || x.inf || x.nan || y.inf || y.nan) {
            continue;
        }
        *xmax = std::max(*xmax, x.e + y.e);
        *xmin = std::min(*xmin, x.e + y.e);
    }
    return *xmax != INT_MIN;
}

uint32_t bits_of(float f)
{
    if (std::isnan(f)) {
        return kNaN;
    }
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

float float_of(uint32_t u)
{
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

}  // namespace

uint32_t ref_aligned_dot(const uint16_t *a, const uint16_t *w, int n, int guard)
{
    uint32_t r;
    if (special(a, w, n, &r)) {
        return r;
    }
    int xmax, xmin;
    if (!exponent_range(a, w, n, &xmax, &xmin)) {
        return 0;
    }
    // Term i: floor(P_i * 2^(G - (X - x_i))), the sign applied afterwards.
    i128 s = 0;
    for (int i = 0; i < n; i++) {
        const Elem x = decode(a[i]), y = decode(w[i]);
        const uint32_t p = x.m * y.m;
        if (p == 0) {
            continue;
        }
        const int up = guard - (xmax - (x.e + y.e));
        u128 t;
        if (up >= 0) {
            t = (u128)p << up;
        } else {
            t = -up >= 32 ? 0 : (u128)(p / (UINT64_C(1) << -up));
        }
        s += x.neg != y.neg ? -(i128)t : (i128)t;
    }
    if (s == 0) {
        return 0;  // an exact zero sum is +0
    }
    return ref_round_fp32(s < 0, s < 0 ? (u128)-s : (u128)s, xmax - 14 - guard);
}

namespace {

// An fp32 value as (-1)^neg * k * 2^q, k < 2^24.
struct Fp32 {
    bool neg, inf, nan;
    uint64_t k;
    int q;
};

Fp32 split(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    const int field = (int)((u >> 23) & 0xff);
    Fp32 r;
    r.neg = (u >> 31) != 0;
    r.inf = field == 0xff && (u & 0x7fffff) == 0;
    r.nan = field == 0xff && (u & 0x7fffff) != 0;
    r.k = field == 0 ? (u & 0x7fffff) : ((u & 0x7fffff) | 0x800000);
    r.q = field == 0 ? -149 : field - 150;
    return r;
}

// e = max(floor(log2 value), -126) of a non-zero finite value.
int rule_exp(const Fp32 &v)
{
    return std::max(v.q + bit_length(v.k) - 1, -126);
}

}  // namespace

uint32_t ref_aligned_dot_values(const float *a, const float *w, int n, int guard)
{
    bool any = false, nan = false, pos = false, neg = false;
    for (int i = 0; i < n; i++) {
        const Fp32 x = split(a[i]), y = split(w[i]);
        any = any || x.inf || x.nan || y.inf || y.nan;
        nan = nan || x.nan || y.nan || (x.inf && y.k == 0) || (x.k == 0 && y.inf);
        if (x.inf || y.inf) {
            (x.neg != y.neg ? neg : pos) = true;
        }
    }
    if (any) {
        return (nan || (pos && neg)) ? kNaN : pos ? kInf : (kInf | 0x80000000u);
    }
    int xmax = INT_MIN;
    for (int i = 0; i < n; i++) {
        const Fp32 x = split(a[i]), y = split(w[i]);
        if (x.k != 0 && y.k != 0) {
            xmax = std::max(xmax, rule_exp(x) + rule_exp(y));
        }
    }
    if (xmax == INT_MIN) {
        return 0;
    }
    // T_i = floor(ka * kw * 2^(qa + qw) / 2^(X - 14 - G)), then the sign.
    i128 s = 0;
    for (int i = 0; i < n; i++) {
        const Fp32 x = split(a[i]), y = split(w[i]);
        if (x.k == 0 || y.k == 0) {
            continue;
        }
        const u128 p = (u128)x.k * y.k;
        const int up = x.q + y.q - (xmax - 14 - guard);
        const u128 t = up >= 0 ? p << up : (-up >= 128 ? 0 : p >> -up);
        s += x.neg != y.neg ? -(i128)t : (i128)t;
    }
    if (s == 0) {
        return 0;
    }
    return ref_round_fp32(s < 0, s < 0 ? (u128)-s : (u128)s, xmax - 14 - guard);
}

bool ref_exact_dot(const uint16_t *a, const uint16_t *w, int n, uint32_t *out)
{
    uint32_t r;
    if (special(a, w, n, &r)) {
        return false;
    }
    int xmax, xmin;
    if (!exponent_range(a, w, n, &xmax, &xmin)) {
        *out = 0;
        return true;
    }
    if (xmax - xmin > 96) {
        return false;
    }
    i128 s = 0;  // in units of 2^(xmin - 14): below 2^(16 + 96 + 5)
    for (int i = 0; i < n; i++) {
        const Elem x = decode(a[i]), y = decode(w[i]);
        if (x.m * y.m == 0) {
            continue;
        }
        const i128 p = (i128)((u128)(x.m * y.m) << (x.e + y.e - xmin));
        s += x.neg != y.neg ? -p : p;
    }
    *out = s == 0 ? 0 : ref_round_fp32(s < 0, s < 0 ? (u128)-s : (u128)s, xmin - 14);
    return true;
}

int ref_spread(const uint16_t *a, const uint16_t *w, int n)
{
    int xmax, xmin;
    return exponent_range(a, w, n, &xmax, &xmin) ? xmax - xmin : -1;
}

std::vector<uint32_t> ref_outputs(const std::vector<pe_bf16_input> &txns, int guard)
{
    std::vector<uint32_t> out;
    float acc = 0.0f;
    for (const pe_bf16_input &t : txns) {
        if (t.first) {
            acc = 0.0f;
        }
        acc = acc + float_of(ref_aligned_dot(t.a_codes, t.w_codes, PE_BF16_N, guard));
        if (t.last) {
            out.push_back(bits_of(acc));
        }
    }
    return out;
}
