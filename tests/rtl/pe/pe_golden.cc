#include "pe_golden.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "mxaccel/mx_pack.h"
#include "mxaccel/quantize.h"
extern "C" {
#include "hw_dot.h"
}

static mx_format find(mx_format_id id)
{
    size_t n = 0;
    const mx_format *t = mx_format_mx_elements(&n);
    for (size_t i = 0; i < n; i++) {
        if (t[i].id == id) {
            return t[i];
        }
    }
    std::abort();
}

PeGolden pe_golden_make(mx_format_id a, mx_format_id w)
{
    PeGolden g;
    g.a = find(a);
    g.w = find(w);
    g.exact_double = hw_dot_exact_in_double(&g.a, &g.w, PE_N);
    return g;
}

static uint32_t bits_of(float f)
{
    if (std::isnan(f)) {
        return 0x7fc00000u;
    }
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

// Dequantized in double: element * 2^(scale - 127) is exact there for every
// scale (in fp32 the largest scales overflow to Inf).
static void dequantize(const mx_format &f, uint8_t scale, const uint8_t *codes, double *out)
{
    for (int i = 0; i < PE_N; i++) {
        out[i] = scale == MX_SCALE_NAN ? NAN
                                       : std::ldexp((double)mx_elem_decode(&f, codes[i]), (int)scale - 127);
    }
}

static float golden_dot(const PeGolden &g, const pe_input &t)
{
    double a[PE_N], w[PE_N];
    dequantize(g.a, t.a_scale, t.a_codes, a);
    dequantize(g.w, t.w_scale, t.w_codes, w);
    return hw_block_dot(a, w, PE_N, g.exact_double);
}

uint32_t pe_golden_dot(const PeGolden &g, const pe_input &t)
{
    return bits_of(golden_dot(g, t));
}

std::vector<uint32_t> pe_golden_outputs(const PeGolden &g, const std::vector<pe_input> &txns)
{
    std::vector<uint32_t> out;
    float acc = 0.0f;
    for (const pe_input &t : txns) {
        if (t.first) {
            acc = 0.0f;
        }
        acc = acc + golden_dot(g, t);
        if (t.last) {
            out.push_back(bits_of(acc));
        }
    }
    return out;
}
