#include "pe_bf16_golden.h"

#include <cmath>
#include <cstring>
#include <vector>

extern "C" {
#include "hw_dot_aligned.h"
}

namespace {

uint32_t bits_of(float f)
{
    if (std::isnan(f)) {
        return 0x7fc00000u;
    }
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

// bfloat16 is the upper half of fp32.
double value_of(uint16_t code)
{
    const uint32_t u = (uint32_t)code << 16;
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

float dot(const uint16_t *a, const uint16_t *w, int n)
{
    std::vector<double> da(n), dw(n);
    for (int i = 0; i < n; i++) {
        da[i] = value_of(a[i]);
        dw[i] = value_of(w[i]);
    }
    return hw_block_dot_aligned(da.data(), dw.data(), (size_t)n);
}

}  // namespace

uint32_t golden_dot(const uint16_t *a, const uint16_t *w, int n)
{
    return bits_of(dot(a, w, n));
}

std::vector<uint32_t> golden_outputs(const std::vector<pe_bf16_input> &txns)
{
    std::vector<uint32_t> out;
    float acc = 0.0f;
    for (const pe_bf16_input &t : txns) {
        if (t.first) {
            acc = 0.0f;
        }
        acc = acc + dot(t.a_codes, t.w_codes, PE_BF16_N);
        if (t.last) {
            out.push_back(bits_of(acc));
        }
    }
    return out;
}
