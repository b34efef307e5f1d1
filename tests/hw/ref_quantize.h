// Independent reference of the hw elementwise quantizer q(x; fmt, round,
// saturate, denorm) of docs/hw-arithmetic.md: the result is picked from the
// enumerated grid by exact comparisons in double arithmetic.
#pragma once

#include <vector>

#include "mxaccel/quantize.h"
#include "ref_format.h"

namespace hwref {

class ElemRef {
public:
    explicit ElemRef(FormatSpec spec);

    // x is any double (exact block quotients x / 2^se included).
    float quantize(double x, mx_round round, bool saturate, bool denorm) const;

    const FormatSpec &spec() const { return spec_; }
    const std::vector<double> &grid() const { return grid_; }

private:
    FormatSpec spec_;
    std::vector<double> grid_;
    double min_normal_;
};

}  // namespace hwref
