#include "ref_mx.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "bits.h"

namespace hwref {

uint8_t ref_mx_block(const ElemRef &elem, mx_round round, int scale_bits, const float *in, size_t n,
                     float *elems, float *out)
{
    const int limit = (1 << (scale_bits - 1)) - 1;
    const float nan = float_of(kCanonicalNaN);
    auto nan_block = [&]() -> uint8_t {
        for (size_t i = 0; i < n; ++i) {
            if (elems) elems[i] = nan;
            if (out) out[i] = nan;
        }
        return 0xFF;
    };

    double m = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(in[i])) {
            return nan_block();
        }
        m = std::fmax(m, std::fabs(static_cast<double>(in[i])));
    }
    int se;
    if (m == 0) {
        se = -limit;
    } else {
        int e;
        std::frexp(m, &e);  // m = f * 2^e, f in [0.5, 1): floor(log2 m) = e - 1
        se = (e - 1) - elem.spec().emax;
    }
    if (se > limit) {
        return nan_block();
    }
    if (se < -limit) {
        se = -limit;
    }
    for (size_t i = 0; i < n; ++i) {
        // x / 2^se and elem * 2^se are exact in double for every format here.
        const double scaled = std::ldexp(static_cast<double>(in[i]), -se);
        const float q = elem.quantize(scaled, round, true, true);
        if (elems) elems[i] = q;
        if (out) out[i] = static_cast<float>(std::ldexp(static_cast<double>(q), se));
    }
    return static_cast<uint8_t>(se + 127);
}

void ref_mx_axis(const ElemRef &elem, mx_round round, int block_size, int scale_bits, const float *in,
                 float *out, size_t outer, size_t axis_len, size_t inner, uint8_t *scales)
{
    const size_t bs = static_cast<size_t>(block_size);
    const size_t nblocks = (axis_len + bs - 1) / bs;
    std::vector<float> x(bs), y(bs);
    for (size_t o = 0; o < outer; ++o) {
        for (size_t b = 0; b < nblocks; ++b) {
            const size_t start = b * bs;
            const size_t len = std::min(bs, axis_len - start);
            for (size_t i = 0; i < inner; ++i) {
                for (size_t j = 0; j < len; ++j) {
                    x[j] = in[(o * axis_len + start + j) * inner + i];
                }
                const uint8_t s = ref_mx_block(elem, round, scale_bits, x.data(), len, nullptr, y.data());
                for (size_t j = 0; j < len; ++j) {
                    out[(o * axis_len + start + j) * inner + i] = y[j];
                }
                if (scales) scales[(o * nblocks + b) * inner + i] = s;
            }
        }
    }
}

}  // namespace hwref
