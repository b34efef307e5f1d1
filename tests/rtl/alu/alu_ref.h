// Independent reference of the hw ALU operations (docs/hw-arithmetic.md,
// "Elementwise operations"): exact results from alu_exact.h, rounded to E by
// searching E's enumerated grid with exact comparisons; exp and log from
// quad precision (libquadmath), with the distance of each value to the
// nearest rounding boundary. The special-value rules are written out here
// from the document, not taken from the golden library.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ref_format.h"
#include "ref_quantize.h"

namespace aluref {

// A transcendental result and the relative distance of the quad-precision
// value to the nearest rounding boundary of E (infinity where no rounding
// happens: exact results, special values, over- and underflow far away).
struct Rounded {
    double value;
    double margin;
};

class Ref {
public:
    explicit Ref(const std::string &format_name);

    const hwref::FormatSpec &spec() const { return spec_; }
    int width() const { return spec_.storage_bits; }

    double decode(uint32_t code) const;
    // The code of a value of E (or +-Inf, NaN: the canonical NaN code).
    uint32_t encode(double v) const;
    uint32_t nan_code() const;

    double quant(float x) const;
    double add(double a, double b) const;
    double sub(double a, double b) const { return add(a, -b); }
    double mul(double a, double b) const;
    double div(double a, double b) const;
    double max(double m, double y) const;
    double relu(double x) const;
    Rounded exp(double x) const;
    Rounded log(double x) const;
    // Running fp32 sum from +0, then QUANT.
    double running_sum(const std::vector<float> &x) const;

private:
    // |v| rounded to E, |v| known through cmp(g) = sign(|v| - g) for grid
    // values g; +-Inf on overflow.
    double round(bool neg, const std::function<int(double)> &cmp) const;
    Rounded transcendental(__float128 v) const;

    hwref::FormatSpec spec_;
    std::vector<double> grid_; // magnitudes of E, then the overflow point 2^(emax+1)
    hwref::ElemRef q_;
};

// Same value, zeros with the same sign, or both NaN.
bool same_value(double expected, double got);

} // namespace aluref
