#include "input_gen.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bits.h"

namespace hwref {
namespace {

// Move a non-negative finite float by k ulps, staying non-negative and finite.
float step_ulps(float f, int k)
{
    int64_t b = static_cast<int64_t>(bits_of(f)) + k;
    if (b < 0) b = 0;
    if (b > 0x7f7fffff) b = 0x7f7fffff;
    return float_of(static_cast<uint32_t>(b));
}

// A grid point (or the midpoint after it) as a float, nudged by a few ulps.
float around_grid(const std::vector<double> &g, size_t idx, Rng &rng)
{
    double v = g[idx];
    if (rng.coin() && idx + 1 < g.size()) {
        v = (g[idx] + g[idx + 1]) / 2;
    }
    float f = static_cast<float>(v);
    if (rng.below(3) != 0) {
        f = step_ulps(f, rng.range(-3, 3));
    }
    return f;
}

}  // namespace

float mixed_input(const ElemRef &ref, Rng &rng)
{
    const FormatSpec &s = ref.spec();
    const std::vector<double> &g = ref.grid();
    float v;
    switch (rng.below(20)) {
    case 0: case 1: case 2: case 3:  // uniform bit patterns (NaN/Inf included)
        return float_of(rng.u32());
    case 4: case 5: case 6: {  // log-uniform over the format's range and a bit beyond
        const int lo = (s.is_int ? 0 : s.emin) - s.p - 4;
        const int hi = s.emax + 3;
        v = std::ldexp(1.0f + static_cast<float>(rng.u32() >> 9) * 0x1p-23f, rng.range(lo, hi));
        break;
    }
    case 7: case 8: case 9: {  // near max: the top few grid points and beyond
        const size_t back = static_cast<size_t>(rng.range(1, 6));
        const size_t idx = g.size() > back ? g.size() - back : 0;
        v = around_grid(g, idx, rng);
        break;
    }
    case 10: case 11: case 12: {  // near the smallest normal and the subnormals
        const size_t span = std::min<size_t>(g.size() - 1, size_t{4} << s.p);
        v = around_grid(g, rng.below(span), rng);
        break;
    }
    case 13: case 14: case 15: {  // exact ties between adjacent grid points
        const size_t idx = rng.below(g.size() - 1);
        const double mid = (g[idx] + g[idx + 1]) / 2;
        v = static_cast<float>(mid);
        if (static_cast<double>(v) != mid) {
            v = static_cast<float>(g[idx]);
        }
        break;
    }
    case 16:  // grid points exactly
        v = static_cast<float>(g[rng.below(g.size())]);
        break;
    default: {  // specials
        switch (rng.below(8)) {
        case 0: v = 0.0f; break;
        case 1: v = float_of(static_cast<uint32_t>(rng.below(0x800000))); break;  // fp32 subnormal
        case 2: v = float_of(0x7f800001u + static_cast<uint32_t>(rng.below(0x7fffff))); break;  // NaN
        case 3: v = std::numeric_limits<float>::infinity(); break;
        case 4: v = std::numeric_limits<float>::max(); break;
        case 5: v = std::numeric_limits<float>::denorm_min(); break;
        case 6: v = std::numeric_limits<float>::min(); break;
        default: v = float_of(0x00800000u - 1u - static_cast<uint32_t>(rng.below(16))); break;
        }
        break;
    }
    }
    return rng.coin() ? -v : v;
}

std::vector<float> mixed_inputs(const ElemRef &ref, size_t n, uint64_t seed)
{
    Rng rng(seed);
    std::vector<float> v(n);
    for (float &x : v) {
        x = mixed_input(ref, rng);
    }
    return v;
}

}  // namespace hwref
