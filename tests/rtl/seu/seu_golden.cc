#include "seu_golden.h"

#include <cstdio>
#include <stdexcept>

#include "mxaccel/mx_pack.h"

namespace seu_test {

mx_format_id variant_format(int v) { return static_cast<mx_format_id>(v / 3); }
mx_round variant_round(int v) { return static_cast<mx_round>(v % 3); }

std::string variant_name(int v)
{
    size_t count;
    const mx_format *f = mx_format_mx_elements(&count);
    return std::string(f[v / 3].name) + "/" + mx_round_name(variant_round(v));
}

std::string to_string(const Result &r)
{
    std::string s;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02x |", r.scale);
    s += buf;
    for (uint8_t c : r.codes) {
        std::snprintf(buf, sizeof buf, " %02x", c);
        s += buf;
    }
    return s;
}

Result golden_block(const mx_format &in, int variant, const Codes &codes)
{
    size_t count;
    const mx_format &el = mx_format_mx_elements(&count)[variant / 3];
    mx_block_spec spec{};
    spec.profile = MX_PROFILE_HW;
    spec.elem = el;
    spec.round = variant_round(variant);
    spec.block_size = kN;
    spec.scale_bits = 8;
    float vals[kN], elems[kN];
    for (int i = 0; i < kN; i++) {
        vals[i] = mx_elem_decode(&in, codes[i]);
    }
    const uint8_t scale = mx_quantize_block(&spec, vals, kN, elems, nullptr);
    uint8_t packed[1 + kN];
    if (mx_pack_block(&el, scale, elems, kN, packed) != 0) {
        throw std::runtime_error("golden block does not pack");
    }
    Result r;
    r.scale = packed[0];
    const int w = el.storage_bits;
    for (int i = 0; i < kN; i++) {
        uint32_t c = 0;
        for (int b = 0; b < w; b++) {
            const int pos = i * w + b;
            c |= static_cast<uint32_t>((packed[1 + pos / 8] >> (pos % 8)) & 1u) << b;
        }
        r.codes[i] = static_cast<uint8_t>(c);
    }
    return r;
}

} // namespace seu_test
