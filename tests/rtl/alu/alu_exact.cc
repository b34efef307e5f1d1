#include "alu_exact.h"

#include <cmath>
#include <stdexcept>

namespace aluref {

BigUint::BigUint(uint64_t v)
{
    while (v) {
        w_.push_back(static_cast<uint32_t>(v));
        v >>= 32;
    }
}

void BigUint::trim()
{
    while (!w_.empty() && w_.back() == 0) {
        w_.pop_back();
    }
}

BigUint BigUint::shl(unsigned n) const
{
    if (zero()) {
        return *this;
    }
    BigUint r;
    const unsigned limbs = n / 32, bits = n % 32;
    r.w_.assign(limbs, 0);
    uint32_t carry = 0;
    for (uint32_t x : w_) {
        r.w_.push_back(bits ? (x << bits) | carry : x);
        carry = bits ? x >> (32 - bits) : 0;
    }
    r.w_.push_back(carry);
    r.trim();
    return r;
}

int BigUint::cmp(const BigUint &a, const BigUint &b)
{
    if (a.w_.size() != b.w_.size()) {
        return a.w_.size() < b.w_.size() ? -1 : 1;
    }
    for (size_t i = a.w_.size(); i-- > 0;) {
        if (a.w_[i] != b.w_[i]) {
            return a.w_[i] < b.w_[i] ? -1 : 1;
        }
    }
    return 0;
}

BigUint BigUint::add(const BigUint &a, const BigUint &b)
{
    BigUint r;
    const size_t n = std::max(a.w_.size(), b.w_.size());
    uint64_t carry = 0;
    for (size_t i = 0; i < n; i++) {
        const uint64_t s = carry + (i < a.w_.size() ? a.w_[i] : 0) + (i < b.w_.size() ? b.w_[i] : 0);
        r.w_.push_back(static_cast<uint32_t>(s));
        carry = s >> 32;
    }
    r.w_.push_back(static_cast<uint32_t>(carry));
    r.trim();
    return r;
}

BigUint BigUint::sub(const BigUint &a, const BigUint &b)
{
    if (cmp(a, b) < 0) {
        throw std::logic_error("BigUint::sub: negative result");
    }
    BigUint r;
    int64_t borrow = 0;
    for (size_t i = 0; i < a.w_.size(); i++) {
        int64_t d = static_cast<int64_t>(a.w_[i]) - borrow - (i < b.w_.size() ? b.w_[i] : 0);
        borrow = d < 0;
        if (d < 0) {
            d += INT64_C(1) << 32;
        }
        r.w_.push_back(static_cast<uint32_t>(d));
    }
    r.trim();
    return r;
}

BigUint BigUint::mul(const BigUint &a, const BigUint &b)
{
    if (a.zero() || b.zero()) {
        return BigUint();
    }
    BigUint r;
    r.w_.assign(a.w_.size() + b.w_.size(), 0);
    for (size_t i = 0; i < a.w_.size(); i++) {
        uint64_t carry = 0;
        for (size_t j = 0; j < b.w_.size(); j++) {
            const uint64_t t = static_cast<uint64_t>(a.w_[i]) * b.w_[j] + r.w_[i + j] + carry;
            r.w_[i + j] = static_cast<uint32_t>(t);
            carry = t >> 32;
        }
        r.w_[i + b.w_.size()] = static_cast<uint32_t>(carry);
    }
    r.trim();
    return r;
}

Dyadic Dyadic::of(double v)
{
    Dyadic d;
    d.neg = std::signbit(v);
    int e = 0;
    const double f = std::frexp(std::fabs(v), &e); // |v| = f * 2^e, f in [0.5, 1)
    d.mag = BigUint(static_cast<uint64_t>(std::ldexp(f, 53)));
    d.exp = e - 53;
    return d;
}

Dyadic Dyadic::of(__float128 v)
{
    Dyadic d;
    d.neg = signbitq(v);
    int e = 0;
    const __float128 f = frexpq(fabsq(v), &e);
    // 113 significant bits as two integers: hi * 2^64 + lo
    const __float128 s = ldexpq(f, 113);
    const __float128 hi = floorq(ldexpq(s, -64));
    const __float128 lo = s - ldexpq(hi, 64);
    d.mag = BigUint::add(BigUint(static_cast<uint64_t>(hi)).shl(64), BigUint(static_cast<uint64_t>(lo)));
    d.exp = e - 113;
    return d;
}

// a and b as magnitudes with the same exponent (the smaller one).
static void align(const Dyadic &a, const Dyadic &b, BigUint &ma, BigUint &mb, int &exp)
{
    exp = std::min(a.exp, b.exp);
    ma = a.mag.shl(static_cast<unsigned>(a.exp - exp));
    mb = b.mag.shl(static_cast<unsigned>(b.exp - exp));
}

Dyadic Dyadic::add(const Dyadic &a, const Dyadic &b)
{
    Dyadic r;
    BigUint ma, mb;
    align(a, b, ma, mb, r.exp);
    if (a.neg == b.neg) {
        r.neg = a.neg;
        r.mag = BigUint::add(ma, mb);
    } else if (BigUint::cmp(ma, mb) >= 0) {
        r.neg = a.neg;
        r.mag = BigUint::sub(ma, mb);
    } else {
        r.neg = b.neg;
        r.mag = BigUint::sub(mb, ma);
    }
    return r;
}

Dyadic Dyadic::mul(const Dyadic &a, const Dyadic &b)
{
    Dyadic r;
    r.neg = a.neg != b.neg;
    r.mag = BigUint::mul(a.mag, b.mag);
    r.exp = a.exp + b.exp;
    return r;
}

int Dyadic::cmp_mag(const Dyadic &a, const Dyadic &b)
{
    if (a.zero() || b.zero()) {
        return a.zero() == b.zero() ? 0 : a.zero() ? -1 : 1;
    }
    BigUint ma, mb;
    int exp;
    align(a, b, ma, mb, exp);
    return BigUint::cmp(ma, mb);
}

} // namespace aluref
