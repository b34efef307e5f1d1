#include "ref_codes.h"

#include <cmath>
#include <limits>

namespace hwref {

bool ref_code_is_nan(const FormatSpec &f, uint32_t code)
{
    if (f.is_int) {
        return false;
    }
    const uint32_t mag = code & ((1u << (f.storage_bits - 1)) - 1);
    const uint32_t all_exp = (1u << f.ebits) - 1;
    const uint32_t e = mag >> f.p;
    const uint32_t m = mag & ((1u << f.p) - 1);
    if (f.ieee_special) {
        return e == all_exp && m != 0;
    }
    if (f.nan_all_ones) {
        return mag == (1u << (f.storage_bits - 1)) - 1;
    }
    return false;
}

double ref_decode(const FormatSpec &f, uint32_t code)
{
    const int w = f.storage_bits;
    if (f.is_int) {
        // Sign-extend the w-bit two's complement code.
        long k = static_cast<long>(code);
        if (code & (1u << (w - 1))) {
            k -= 1L << w;
        }
        return std::ldexp(static_cast<double>(k), -(w - 2));
    }
    if (ref_code_is_nan(f, code)) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const bool neg = (code >> (w - 1)) & 1u;
    const uint32_t e = (code >> f.p) & ((1u << f.ebits) - 1);
    const uint32_t m = code & ((1u << f.p) - 1);
    double v;
    if (f.ieee_special && e == (1u << f.ebits) - 1) {
        v = std::numeric_limits<double>::infinity();
    } else if (e == 0) {
        v = std::ldexp(static_cast<double>(m), f.emin - f.p);
    } else {
        v = std::ldexp(static_cast<double>((1u << f.p) + m), static_cast<int>(e) - f.bias - f.p);
    }
    return neg ? -v : v;
}

std::vector<uint8_t> ref_pack(const FormatSpec &f, uint8_t scale, const uint32_t *codes, size_t n)
{
    const size_t w = static_cast<size_t>(f.storage_bits);
    std::vector<uint8_t> out(1 + (n * w + 7) / 8, 0);
    out[0] = scale;
    for (size_t i = 0; i < n; ++i) {
        for (size_t b = 0; b < w; ++b) {
            if ((codes[i] >> b) & 1u) {
                const size_t pos = i * w + b;
                out[1 + pos / 8] |= static_cast<uint8_t>(1u << (pos % 8));
            }
        }
    }
    return out;
}

}  // namespace hwref
