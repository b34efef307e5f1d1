// Format parameters written out from the OCP MX v1.0 spec and microxcaling's
// mx_specs, independently of the library's format table.
#pragma once

#include <string>
#include <vector>

namespace hwref {

struct FormatSpec {
    std::string name;
    bool is_int = false;
    int ebits = 0;        // 0 for integers
    int p = 0;            // trailing mantissa bits; fraction bits for integers
    int bias = 0;         // exponent bias of the code (floats)
    int emax = 0;         // exponent of the largest normal (0 for integers)
    int emin = 0;         // exponent of the smallest normal (floats)
    double max = 0;       // largest finite magnitude
    int storage_bits = 0; // bits of one code
    bool ieee_special = false; // top exponent code is Inf (M == 0) / NaN (M != 0)
    bool nan_all_ones = false; // only S.1..1.1..1 is NaN (fp8_e4m3)
};

// int8 int4 int2 fp8_e5m2 fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1 fp16 bfloat16,
// bfloatN (N 10..32) and fpN (N 7..32). Aborts the test on an unknown name.
FormatSpec spec_by_name(const std::string &name);

// Every non-negative value of the quantum grid in ascending order: the
// representable magnitudes (0, subnormals, normals up to max) followed by the
// grid points above max that rounding can reach before overflowing (e.g.
// 480 and 512 for fp8_e4m3, 2.0 for int8). The last entry is the first value
// from which every rounding mode overflows.
std::vector<double> quantum_grid(const FormatSpec &f);

}  // namespace hwref
