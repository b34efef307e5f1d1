#include "alu_ref.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "alu_exact.h"
#include "ref_codes.h"

namespace aluref {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

} // namespace

Ref::Ref(const std::string &format_name)
    : spec_(hwref::spec_by_name(format_name)), grid_(hwref::quantum_grid(spec_)), q_(spec_)
{
}

double Ref::decode(uint32_t code) const { return hwref::ref_decode(spec_, code); }

uint32_t Ref::nan_code() const
{
    return ((1u << spec_.ebits) - 1u) << spec_.p | 1u << (spec_.p - 1);
}

uint32_t Ref::encode(double v) const
{
    if (std::isnan(v)) {
        return nan_code();
    }
    const uint32_t sign = std::signbit(v) ? 1u << (spec_.storage_bits - 1) : 0u;
    const double a = std::fabs(v);
    if (std::isinf(a)) {
        return sign | ((1u << spec_.ebits) - 1u) << spec_.p;
    }
    if (a < std::ldexp(1.0, spec_.emin)) {
        return sign | static_cast<uint32_t>(std::ldexp(a, spec_.p - spec_.emin));
    }
    int e = 0;
    std::frexp(a, &e); // a = f * 2^e, f in [0.5, 1)
    e -= 1;
    const uint32_t m = static_cast<uint32_t>(std::ldexp(a, spec_.p - e)) - (1u << spec_.p);
    return sign | static_cast<uint32_t>(e + spec_.bias) << spec_.p | m;
}

double Ref::round(bool neg, const std::function<int(double)> &cmp) const
{
    // largest lo with grid_[lo] <= |v|
    size_t lo = 0, hi = grid_.size();
    while (hi - lo > 1) {
        const size_t mid = (lo + hi) / 2;
        if (cmp(grid_[mid]) >= 0) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    double r;
    if (lo + 1 == grid_.size()) {
        r = kInf;
    } else if (cmp(grid_[lo]) == 0) {
        r = grid_[lo];
    } else {
        const double mid = (grid_[lo] + grid_[lo + 1]) / 2; // exact
        r = cmp(mid) < 0 ? grid_[lo] : grid_[lo + 1];         // a tie goes away from zero
    }
    if (r == grid_.back()) {
        r = kInf;
    }
    return neg ? -r : r;
}

double Ref::quant(float x) const
{
    return q_.quantize(static_cast<double>(x), MX_ROUND_NEAREST, false, true);
}

double Ref::add(double a, double b) const
{
    if (std::isnan(a) || std::isnan(b)) {
        return kNaN;
    }
    if (std::isinf(a) && std::isinf(b)) {
        return std::signbit(a) == std::signbit(b) ? a : kNaN;
    }
    if (std::isinf(a) || std::isinf(b)) {
        return std::isinf(a) ? a : b;
    }
    const Dyadic s = Dyadic::add(Dyadic::of(a), Dyadic::of(b));
    if (s.zero()) {
        return std::signbit(a) && std::signbit(b) ? -0.0 : 0.0;
    }
    return round(s.neg, [&](double g) { return Dyadic::cmp_mag(s, Dyadic::of(g)); });
}

double Ref::mul(double a, double b) const
{
    const bool neg = std::signbit(a) != std::signbit(b);
    if (std::isnan(a) || std::isnan(b)) {
        return kNaN;
    }
    if (std::isinf(a) || std::isinf(b)) {
        return (a == 0 || b == 0) ? kNaN : neg ? -kInf : kInf;
    }
    const Dyadic p = Dyadic::mul(Dyadic::of(a), Dyadic::of(b));
    if (p.zero()) {
        return neg ? -0.0 : 0.0;
    }
    return round(neg, [&](double g) { return Dyadic::cmp_mag(p, Dyadic::of(g)); });
}

double Ref::div(double a, double b) const
{
    const bool neg = std::signbit(a) != std::signbit(b);
    if (std::isnan(a) || std::isnan(b) || (std::isinf(a) && std::isinf(b)) || (a == 0 && b == 0)) {
        return kNaN;
    }
    if (std::isinf(a) || b == 0) {
        return neg ? -kInf : kInf;
    }
    if (std::isinf(b) || a == 0) {
        return neg ? -0.0 : 0.0;
    }
    // |a / b| vs g  <=>  |a| vs g * |b|
    const Dyadic x = Dyadic::of(a), y = Dyadic::of(b);
    return round(neg, [&](double g) { return Dyadic::cmp_mag(x, Dyadic::mul(Dyadic::of(g), y)); });
}

double Ref::max(double m, double y) const
{
    if (std::isnan(m) || std::isnan(y)) {
        return kNaN;
    }
    return y > m ? y : m;
}

double Ref::relu(double x) const
{
    if (std::isnan(x)) {
        return kNaN;
    }
    return x > 0 ? x : 0.0;
}

Rounded Ref::transcendental(__float128 v) const
{
    const Dyadic d = Dyadic::of(v);
    const double r = round(d.neg, [&](double g) { return Dyadic::cmp_mag(d, Dyadic::of(g)); });
    // The rounding boundaries around |v|: the midpoints next to the grid
    // interval holding it (the last one is the overflow threshold).
    const __float128 a = fabsq(v);
    const auto above = std::upper_bound(grid_.begin(), grid_.end(), a,
                                        [](__float128 x, double g) { return x < g; });
    const size_t lo = static_cast<size_t>(above - grid_.begin()) - 1;
    double margin = kInf;
    for (size_t i : {lo, lo + 1}) {
        if (i >= 1 && i < grid_.size()) {
            const __float128 mid = (static_cast<__float128>(grid_[i - 1]) + grid_[i]) / 2;
            margin = std::min(margin, static_cast<double>(fabsq(a - mid) / mid));
        }
    }
    return {r, margin};
}

Rounded Ref::exp(double x) const
{
    if (std::isnan(x)) {
        return {kNaN, kInf};
    }
    if (std::isinf(x)) {
        return {x > 0 ? kInf : 0.0, kInf};
    }
    const __float128 v = expq(static_cast<__float128>(x));
    if (isinfq(v)) {
        return {kInf, kInf}; // above 2^16383: far beyond E's overflow threshold
    }
    if (v == 0) {
        return {0.0, kInf}; // below 2^-16494: far below half E's smallest subnormal
    }
    return transcendental(v);
}

Rounded Ref::log(double x) const
{
    if (std::isnan(x) || x < 0) {
        return {kNaN, kInf};
    }
    if (x == 0) {
        return {-kInf, kInf};
    }
    if (std::isinf(x)) {
        return {kInf, kInf};
    }
    if (x == 1) {
        return {0.0, kInf};
    }
    return transcendental(logq(static_cast<__float128>(x)));
}

double Ref::running_sum(const std::vector<float> &x) const
{
    float acc = 0.0f;
    for (float v : x) {
        acc = acc + v;
    }
    return quant(acc);
}

bool same_value(double expected, double got)
{
    if (std::isnan(expected) || std::isnan(got)) {
        return std::isnan(expected) && std::isnan(got);
    }
    return expected == got && std::signbit(expected) == std::signbit(got);
}

} // namespace aluref
