#include "ref_format.h"

#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace hwref {
namespace {

FormatSpec make_int(const char *name, int bits)
{
    FormatSpec f;
    f.name = name;
    f.is_int = true;
    f.p = bits - 2;
    f.max = std::ldexp((1 << (bits - 1)) - 1, -(bits - 2));
    f.storage_bits = bits;
    return f;
}

FormatSpec make_float(const char *name, int ebits, int p, int emax, double max, bool ieee_special)
{
    FormatSpec f;
    f.name = name;
    f.ebits = ebits;
    f.p = p;
    f.bias = (1 << (ebits - 1)) - 1;
    f.emax = emax;
    f.emin = 1 - f.bias;
    f.max = max;
    f.storage_bits = 1 + ebits + p;
    f.ieee_special = ieee_special;
    return f;
}

// IEEE-like maximum: all-ones mantissa at exponent emax.
double ieee_max(int p, int emax) { return std::ldexp(2.0 - std::ldexp(1.0, -p), emax); }

}  // namespace

FormatSpec spec_by_name(const std::string &name)
{
    if (name == "int8") return make_int("int8", 8);
    if (name == "int4") return make_int("int4", 4);
    if (name == "int2") return make_int("int2", 2);
    if (name == "fp8_e5m2") return make_float("fp8_e5m2", 5, 2, 15, 57344.0, true);
    if (name == "fp8_e4m3") {
        FormatSpec f = make_float("fp8_e4m3", 4, 3, 8, 448.0, false);
        f.nan_all_ones = true;
        return f;
    }
    if (name == "fp6_e3m2") return make_float("fp6_e3m2", 3, 2, 4, 28.0, false);
    if (name == "fp6_e2m3") return make_float("fp6_e2m3", 2, 3, 2, 7.5, false);
    if (name == "fp4_e2m1") return make_float("fp4_e2m1", 2, 1, 2, 6.0, false);
    if (name == "fp16") return make_float("fp16", 5, 10, 15, 65504.0, true);
    if (name == "bfloat16") return make_float("bfloat16", 8, 7, 127, 0x1.fep127, true);
    if (name.rfind("bfloat", 0) == 0) {
        int n = std::atoi(name.c_str() + 6);
        if (n >= 10 && n <= 32) {
            FormatSpec f = make_float("", 8, n - 9, 127, ieee_max(n - 9, 127), true);
            f.name = name;
            return f;
        }
    } else if (name.rfind("fp", 0) == 0) {
        int n = std::atoi(name.c_str() + 2);
        if (n >= 7 && n <= 32) {
            FormatSpec f = make_float("", 5, n - 6, 15, ieee_max(n - 6, 15), true);
            f.name = name;
            return f;
        }
    }
    throw std::invalid_argument("no reference for format " + name);
}

std::vector<double> quantum_grid(const FormatSpec &f)
{
    std::vector<double> g;
    if (f.is_int) {
        // k * 2^-p for k = 0 .. 2^(bits-1); the last one is above max.
        for (long k = 0; k <= (1L << (f.p + 1)); ++k) {
            g.push_back(std::ldexp(static_cast<double>(k), -f.p));
        }
        return g;
    }
    const long steps = 1L << f.p;
    // Subnormals and zero share the quantum of the smallest normal binade.
    for (long m = 0; m < steps; ++m) {
        g.push_back(std::ldexp(static_cast<double>(m), f.emin - f.p));
    }
    // Every binade up to emax in full (fp8_e4m3's 480 included), then 2^(emax+1).
    for (int e = f.emin; e <= f.emax; ++e) {
        for (long m = 0; m < steps; ++m) {
            g.push_back(std::ldexp(static_cast<double>(steps + m), e - f.p));
        }
    }
    g.push_back(std::ldexp(1.0, f.emax + 1));
    return g;
}

}  // namespace hwref
