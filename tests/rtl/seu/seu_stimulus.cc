#include "seu_stimulus.h"

namespace seu_test {

Codes random_block(const InLayout &l, std::mt19937_64 &rng)
{
    Codes b{};
    auto u = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
    const unsigned top = l.top_exp();
    const unsigned shape = u(8);
    const unsigned center = u(top); // a finite exponent field
    const unsigned spread = 1 + u(6);
    for (int i = 0; i < kN; i++) {
        const unsigned sign = u(2);
        const unsigned tf = u(l.tmask() + 1);
        unsigned ef;
        switch (shape) {
        case 0: // any code, specials included
            b[i] = static_cast<uint16_t>(rng() & ((1u << l.w) - 1u));
            continue;
        case 1: // subnormals and the smallest normals
            ef = u(2);
            break;
        case 2: // near the largest finite values
            ef = top - 1 - u(spread);
            break;
        case 3: // sparse: mostly zeros of either sign
            ef = u(4) == 0 ? center : 0;
            b[i] = ef ? l.code(sign, ef, tf) : l.code(sign, 0, 0);
            continue;
        default: // exponents clustered below a random block maximum
            ef = center > spread ? center - u(spread + 1) : u(center + 1);
            break;
        }
        b[i] = l.code(sign, ef, tf);
    }
    if (shape >= 4 && u(16) == 0) { // occasionally one Inf or NaN
        b[u(kN)] = l.code(u(2), top, u(l.tmask() + 1));
    }
    return b;
}

std::vector<Codes> corner_blocks(const InLayout &l)
{
    std::vector<Codes> out;
    const unsigned top = l.top_exp();
    const unsigned tm = l.tmask();
    auto fill = [&](uint16_t c) {
        Codes b;
        b.fill(c);
        return b;
    };
    out.push_back(fill(l.code(0, 0, 0))); // all +0
    out.push_back(fill(l.code(1, 0, 0))); // all -0
    Codes mixed{};
    for (int i = 0; i < kN; i++) {
        mixed[i] = l.code(i & 1, 0, 0);
    }
    out.push_back(mixed);
    // Every exponent field with extreme trailing bits, alone and with
    // companions one binade and many binades down (saturation, carries,
    // flushing, scale clamping with 8-bit exponents).
    for (unsigned ef = 0; ef < top; ef++) {
        for (unsigned tf : {0u, 1u, tm >> 1, (tm >> 1) + 1, tm}) {
            for (unsigned sign = 0; sign < 2; sign++) {
                const uint16_t c = l.code(sign, ef, tf);
                out.push_back(fill(c));
                Codes b{};
                for (int i = 0; i < kN; i++) {
                    const unsigned d = static_cast<unsigned>(i) % 12;
                    const unsigned e2 = ef > d ? ef - d : 0;
                    b[i] = l.code(i & 1, e2, (tf + static_cast<unsigned>(i)) & tm);
                }
                b[static_cast<size_t>(ef) % kN] = c;
                out.push_back(b);
            }
        }
    }
    // One nonzero element at each position.
    for (int p = 0; p < kN; p++) {
        Codes b{};
        b[p] = l.code(p & 1, top - 1, tm);
        out.push_back(b);
        b[p] = l.code(p & 1, 0, 1);
        out.push_back(b);
    }
    // Inf and NaN codes at the first, a middle and the last position.
    for (unsigned tf : {0u, 1u, tm}) {
        for (unsigned sign = 0; sign < 2; sign++) {
            for (int p : {0, 17, 31}) {
                Codes b{};
                for (int i = 0; i < kN; i++) {
                    b[i] = l.code(i & 1, top / 2, static_cast<unsigned>(i) & tm);
                }
                b[p] = l.code(sign, top, tf);
                out.push_back(b);
            }
        }
    }
    return out;
}

} // namespace seu_test
