// Exact dyadic numbers (-1)^neg * mag * 2^exp with unbounded magnitudes, for
// the ALU's independent reference: sums, products and quotient comparisons
// of E values are computed exactly, whatever their exponents.
#pragma once

#include <cstdint>
#include <vector>

#include <quadmath.h>

namespace aluref {

class BigUint {
public:
    BigUint() = default;
    explicit BigUint(uint64_t v);
    bool zero() const { return w_.empty(); }
    BigUint shl(unsigned n) const;
    // -1, 0, 1 as a <, ==, > b
    static int cmp(const BigUint &a, const BigUint &b);
    static BigUint add(const BigUint &a, const BigUint &b);
    static BigUint sub(const BigUint &a, const BigUint &b); // a >= b
    static BigUint mul(const BigUint &a, const BigUint &b);

private:
    void trim();
    std::vector<uint32_t> w_; // little-endian 32-bit limbs, no leading zero limb
};

struct Dyadic {
    bool neg = false;
    BigUint mag;
    int exp = 0;

    bool zero() const { return mag.zero(); }
    static Dyadic of(double v);      // v finite
    static Dyadic of(__float128 v);  // v finite
    static Dyadic add(const Dyadic &a, const Dyadic &b);
    static Dyadic mul(const Dyadic &a, const Dyadic &b);
    // |a| vs |b|: -1, 0, 1
    static int cmp_mag(const Dyadic &a, const Dyadic &b);
};

} // namespace aluref
