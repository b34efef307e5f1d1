#include "block_gen.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "bits.h"
#include "input_gen.h"

namespace hwref {
namespace {

float finite_or_zero(double v)
{
    const float f = static_cast<float>(v);
    return (std::isfinite(f) && static_cast<double>(f) == v) ? f : 0.0f;
}

// Grid points and midpoints times 2^se, with one element on 2^emax * 2^se so
// the block's shared exponent is exactly se.
void tie_block(const ElemRef &elem, Rng &rng, std::vector<float> &b, int scale_bits)
{
    const std::vector<double> &g = elem.grid();
    const int limit = (1 << (scale_bits - 1)) - 1;
    int se = rng.range(-limit, limit);
    // Keep the anchor 2^(emax+se) a finite fp32 normal or subnormal.
    se = std::max(se, -149 - elem.spec().emax + 8);
    se = std::min(se, 127 - elem.spec().emax);
    for (float &x : b) {
        const size_t idx = rng.below(g.size() - 1);
        double v = g[idx];
        if (rng.coin()) v = (g[idx] + g[idx + 1]) / 2;
        x = finite_or_zero(std::ldexp(rng.coin() ? -v : v, se));
    }
    b[rng.below(b.size())] = finite_or_zero(std::ldexp(1.0, elem.spec().emax + se));
}

}  // namespace

std::vector<float> random_block(const ElemRef &elem, Rng &rng, size_t n, int scale_bits, bool allow_nan)
{
    std::vector<float> b(n);
    const int kind = static_cast<int>(rng.below(allow_nan ? 10 : 9));
    switch (kind) {
    case 0: case 1: {  // Gaussian at a random scale
        const int s = rng.range(-135, 120);
        for (float &x : b) x = static_cast<float>(std::ldexp(rng.gaussian(), s));
        break;
    }
    case 2: case 3:
        tie_block(elem, rng, b, scale_bits);
        break;
    case 4:  // wide dynamic range
        for (float &x : b) {
            x = std::ldexp(1.0f + static_cast<float>(rng.u32() >> 9) * 0x1p-23f, rng.range(-149, 127));
            if (rng.coin()) x = -x;
        }
        break;
    case 5:  // zeros of both signs, sometimes one tiny value
        for (float &x : b) x = rng.coin() ? -0.0f : 0.0f;
        if (rng.coin()) b[rng.below(n)] = float_of(static_cast<uint32_t>(rng.below(0x800000)));
        break;
    case 6: {  // maximum just below a power of two
        const int e = rng.range(-126, 127);
        for (float &x : b) x = static_cast<float>(std::ldexp(rng.unit(), e));
        b[rng.below(n)] = std::nextafter(std::ldexp(1.0f, e), 0.0f) * (rng.coin() ? -1.0f : 1.0f);
        break;
    }
    case 7: {  // finite values from the elementwise mix
        for (float &x : b) {
            do {
                x = mixed_input(elem, rng);
            } while (!std::isfinite(x));
            x = std::ldexp(x, rng.range(-20, 20));
            if (!std::isfinite(x)) x = 1.0f;
        }
        break;
    }
    case 8:  // huge or tiny only
        for (float &x : b) {
            x = rng.coin() ? float_of(0x7f000000u | (rng.u32() & 0x807fffffu))
                           : float_of(rng.u32() & 0x807fffffu);
        }
        break;
    default: {  // NaN or Inf somewhere
        for (float &x : b) x = static_cast<float>(rng.gaussian());
        const float special[] = {std::numeric_limits<float>::quiet_NaN(), float_of(0xff800123u),
                                 std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
        b[rng.below(n)] = special[rng.below(4)];
        break;
    }
    }
    return b;
}

}  // namespace hwref
