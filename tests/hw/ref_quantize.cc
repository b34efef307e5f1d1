#include "ref_quantize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "bits.h"

namespace hwref {

ElemRef::ElemRef(FormatSpec spec)
    : spec_(std::move(spec)), grid_(quantum_grid(spec_)), min_normal_(std::ldexp(1.0, spec_.emin))
{
}

float ElemRef::quantize(double x, mx_round round, bool saturate, bool denorm) const
{
    if (std::isnan(x)) {
        return float_of(kCanonicalNaN);
    }
    if (std::isinf(x)) {
        return static_cast<float>(x);
    }
    const bool neg = std::signbit(x);
    const double a = std::fabs(x);
    const float signed_zero = (neg && !spec_.is_int) ? -0.0f : 0.0f;

    // Flush is decided on the input, before rounding.
    if (!spec_.is_int && !denorm && a < min_normal_) {
        return signed_zero;
    }

    double r;
    bool overflow;
    if (a >= grid_.back()) {
        overflow = true;  // every rounding of a lands at or above grid_.back() > max
        r = 0;
    } else {
        // lo <= a < hi, adjacent grid points one quantum u apart.
        auto it = std::upper_bound(grid_.begin(), grid_.end(), a);
        const double hi = *it;
        const double lo = *(it - 1);
        if (a == lo) {
            r = lo;
        } else {
            const double mid = (lo + hi) / 2;  // exact: few significant bits
            switch (round) {
            case MX_ROUND_FLOOR:
                r = lo;
                break;
            case MX_ROUND_NEAREST:
                r = (a < mid) ? lo : hi;  // tie: away from zero
                break;
            case MX_ROUND_EVEN:
            default: {
                const double k_lo = lo / (hi - lo);  // an exact integer
                const bool lo_even = std::fmod(k_lo, 2.0) == 0.0;
                r = (a < mid) ? lo : (a > mid) ? hi : (lo_even ? lo : hi);
                break;
            }
            }
        }
        overflow = r > spec_.max;
    }
    if (overflow) {
        r = (spec_.is_int || saturate) ? spec_.max : std::numeric_limits<double>::infinity();
    }
    if (r == 0) {
        return signed_zero;
    }
    const float y = static_cast<float>(r);  // exact: grid values are fp32 values
    return neg ? -y : y;
}

}  // namespace hwref
