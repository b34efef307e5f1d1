#include "pe_bf16_stimulus.h"

#include <algorithm>

namespace {

// Codes used by the directed corners.
constexpr uint16_t kOne = 0x3f80, kMax = 0x7f7f, kMinSub = 0x0001, kMinNorm = 0x0080;
constexpr uint16_t kPosInf = 0x7f80, kNegInf = 0xff80, kQNaN = 0x7fc0, kSNaN = 0x7f81;
constexpr uint16_t kNeg = 0x8000;

pe_bf16_input blank()
{
    pe_bf16_input t = {};
    t.valid = true;
    t.first = true;
    t.last = true;
    return t;  // all codes +0
}

// A code with exponent field `field` (0..254) and significand all ones:
// its 8-bit significand 255 (with the hidden bit) makes truncation visible.
uint16_t ones(int field, bool neg)
{
    return (uint16_t)((neg ? kNeg : 0) | field << 7 | 0x7f);
}

}  // namespace

PeBf16Stimulus::PeBf16Stimulus(uint64_t seed, int guard) : guard_(guard), rng_(seed) {}

uint16_t PeBf16Stimulus::code(int field, bool neg)
{
    field = std::min(std::max(field, 0), 254);
    return (uint16_t)((neg ? kNeg : 0) | field << 7 | (int)(rng_() % 128));
}

pe_bf16_input PeBf16Stimulus::random_block()
{
    pe_bf16_input t = blank();
    const unsigned mode = (unsigned)(rng_() % 16);
    const int ca = uniform(90, 164), cw = uniform(90, 164);  // typical magnitudes
    for (int i = 0; i < PE_BF16_N; i++) {
        switch (mode) {
        case 0:
        case 1:
        case 2:
        case 3:  // narrow: exponent sums within about 16
            t.a_codes[i] = code(ca + uniform(0, 8));
            t.w_codes[i] = code(cw + uniform(0, 8));
            break;
        case 4:
        case 5: {  // spread around the window: exponent sums over G + 20
            const int span = guard_ + 20;
            t.a_codes[i] = code(ca + uniform(0, span / 2));
            t.w_codes[i] = code(cw + uniform(0, span - span / 2));
            break;
        }
        case 6:  // any finite exponent, subnormals included
            t.a_codes[i] = code(uniform(0, 254));
            t.w_codes[i] = code(uniform(0, 254));
            break;
        case 7:  // sparse
            t.a_codes[i] = rng_() % 8 == 0 ? code(ca + uniform(0, 8)) : (rng_() % 2 ? kNeg : 0);
            t.w_codes[i] = code(cw + uniform(0, 8));
            break;
        case 8:
        case 9:  // filled below: cancelling pairs
            break;
        case 10:  // subnormals and the smallest normals
            t.a_codes[i] = code(uniform(0, 3));
            t.w_codes[i] = rng_() % 2 ? code(uniform(0, 2)) : code(uniform(100, 160));
            break;
        case 11:  // large: products and sums overflow
            t.a_codes[i] = code(uniform(230, 254));
            t.w_codes[i] = code(uniform(120, 140));
            break;
        case 12:  // tiny: fp32 subnormal results and underflow
            t.a_codes[i] = code(uniform(1, 30));
            t.w_codes[i] = code(uniform(60, 100));
            break;
        case 13:  // any code, Inf and NaN included
            t.a_codes[i] = (uint16_t)rng_();
            t.w_codes[i] = (uint16_t)rng_();
            break;
        case 14:  // narrow, with a few Inf/NaN codes
            t.a_codes[i] = code(ca + uniform(0, 8));
            t.w_codes[i] = code(cw + uniform(0, 8));
            if (rng_() % 16 == 0) {
                const uint16_t s[] = {kPosInf, kNegInf, kQNaN, kSNaN, 0, kNeg};
                (rng_() % 2 ? t.a_codes[i] : t.w_codes[i]) = s[rng_() % 6];
            }
            break;
        default:  // one large product, the rest near the window's lower edge
            if (i == 0) {
                t.a_codes[i] = ones(ca + guard_ / 2 + 8, rng_() % 2);
                t.w_codes[i] = ones(cw + guard_ - guard_ / 2 + 8, rng_() % 2);
            } else {
                t.a_codes[i] = code(ca + uniform(0, 8));
                t.w_codes[i] = code(cw + uniform(0, 8));
            }
            break;
        }
    }
    if (mode == 8 || mode == 9) {
        // pairs that cancel exactly, possibly leaving small products that
        // the window truncates
        for (int i = 0; i < PE_BF16_N / 2; i++) {
            t.a_codes[i] = code(ca + uniform(0, 8));
            t.w_codes[i] = code(cw + uniform(0, 8));
            t.a_codes[i + PE_BF16_N / 2] = t.a_codes[i] ^ kNeg;
            t.w_codes[i + PE_BF16_N / 2] = t.w_codes[i];
        }
        const int k = (int)(rng_() % 4);
        for (int j = 0; j < k; j++) {
            const int i = (int)(rng_() % PE_BF16_N);
            t.a_codes[i] = code(ca - uniform(0, guard_ + 24));
        }
    }
    return t;
}

pe_bf16_input PeBf16Stimulus::spread_block(int max_spread)
{
    pe_bf16_input t = blank();
    // Exponent sums in [lo, lo + max_spread] with normal operands only (the
    // operand exponents are their fields less 127).
    const int ca = uniform(40, 200);
    const int lo = std::max(1, 150 - ca);
    const int cw = uniform(lo, std::max(lo, std::min(254, 300 - ca) - max_spread / 2));
    const int sa = max_spread / 2, sw = max_spread - sa;
    const bool sparse = rng_() % 4 == 0;
    for (int i = 0; i < PE_BF16_N; i++) {
        t.a_codes[i] = sparse && rng_() % 2 ? 0 : code(std::min(ca + uniform(0, sa), 254));
        t.w_codes[i] = code(std::min(cw + uniform(0, sw), 254));
    }
    return t;
}

std::vector<pe_bf16_input> PeBf16Stimulus::random_stream(size_t n)
{
    std::vector<pe_bf16_input> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) {
        pe_bf16_input t = random_block();
        t.first = i == 0 || rng_() % 3 == 0;
        t.last = i + 1 == n || rng_() % 3 == 0;
        v.push_back(t);
    }
    return v;
}

std::vector<pe_bf16_input> PeBf16Stimulus::directed()
{
    std::vector<pe_bf16_input> v;
    auto fill = [](pe_bf16_input &t, uint16_t a, uint16_t w) {
        for (int i = 0; i < PE_BF16_N; i++) {
            t.a_codes[i] = a;
            t.w_codes[i] = w;
        }
    };
    // Every pair of corner values, in all 32 lanes and in one lane.
    const uint16_t corners[] = {0,       kNeg,           kMinSub,       kMinSub | kNeg, 0x007f,
                                kMinNorm, kMinNorm | kNeg, kOne,         kOne | kNeg,    kMax,
                                kMax | kNeg, 0x7f00,     0x3fff,        0x00ff};
    for (uint16_t a : corners) {
        for (uint16_t w : corners) {
            pe_bf16_input t = blank();
            fill(t, a, w);
            v.push_back(t);
            t = blank();
            t.a_codes[5] = a;
            t.w_codes[5] = w;
            v.push_back(t);
        }
    }
    // Sums that overflow only in the sum, or by rounding up.
    {
        pe_bf16_input t = blank();
        t.a_codes[0] = kMax;
        t.w_codes[0] = kOne;
        t.a_codes[1] = 0x7b7f;
        t.w_codes[1] = kOne;
        v.push_back(t);
        t.a_codes[1] = 0x737f;  // 2^104 * (2 - 2^-7): the sum stays below 2^128
        v.push_back(t);
        t.a_codes[1] = 0x7380;
        v.push_back(t);
    }
    // Exact cancellation to +0, and to a residue far below the window.
    for (int rep = 0; rep < 4; rep++) {
        pe_bf16_input t = blank();
        for (int i = 0; i < PE_BF16_N / 2; i++) {
            t.a_codes[i] = code(uniform(100, 150));
            t.w_codes[i] = code(uniform(100, 150));
            t.a_codes[i + PE_BF16_N / 2] = t.a_codes[i] ^ kNeg;
            t.w_codes[i + PE_BF16_N / 2] = t.w_codes[i];
        }
        v.push_back(t);
        t.a_codes[31] = code(uniform(0, 60));
        v.push_back(t);
    }
    // The window edge: +1*1 and -1*1 cancel; the survivor 255*255 * 2^-14
    // (significand product 0xfe01, its low bit set) sits d below X, with
    // both signs; d = G keeps it whole, d = G + 16 drops it.
    for (int d = std::max(0, guard_ - 3); d <= guard_ + 18; d++) {
        for (int neg = 0; neg < 2; neg++) {
            for (int split = 0; split < 2; split++) {
                pe_bf16_input t = blank();
                t.a_codes[0] = kOne;
                t.w_codes[0] = kOne;
                t.a_codes[9] = kOne | kNeg;
                t.w_codes[9] = kOne;
                // exponent fields summing to 254 - d: x = -d
                const int fa = split ? 127 - d / 2 : 127 - d, fw = 254 - d - fa;
                if (fa < 1 || fw < 1 || fw > 254) {
                    continue;
                }
                t.a_codes[20] = ones(fa, neg != 0);
                t.w_codes[20] = ones(fw, false);
                v.push_back(t);
                // the same survivor without the cancelling pair: 1 + tiny
                pe_bf16_input u = t;
                u.a_codes[9] = 0;
                v.push_back(u);
                // several survivors at the edge: their truncations add up
                for (int i = 21; i < 29; i++) {
                    t.a_codes[i] = t.a_codes[20];
                    t.w_codes[i] = t.w_codes[20];
                }
                v.push_back(t);
            }
        }
    }
    // Products so far apart that the small ones vanish.
    {
        pe_bf16_input t = blank();
        t.a_codes[0] = kMax;
        t.w_codes[0] = kMax;
        for (int i = 1; i < PE_BF16_N; i++) {
            t.a_codes[i] = code(uniform(1, 120));
            t.w_codes[i] = code(uniform(1, 120));
        }
        v.push_back(t);
        t.a_codes[0] = kOne;
        t.w_codes[0] = kOne;
        t.a_codes[1] = kOne | kNeg;
        t.w_codes[1] = kOne;
        v.push_back(t);  // the big pair cancels; the vanished ones stay lost
    }
    // Subnormal operands set X (hidden bit 0, exponent -126).
    {
        pe_bf16_input t = blank();
        t.a_codes[0] = kMinSub;
        t.w_codes[0] = kMinSub;
        t.a_codes[1] = 0x0040;
        t.w_codes[1] = 0x0040 | kNeg;
        v.push_back(t);
        t.a_codes[2] = kMinNorm;
        t.w_codes[2] = 0x007f;
        v.push_back(t);
        t = blank();
        t.a_codes[3] = kMinSub | kNeg;  // a negative product that underflows: -0
        t.w_codes[3] = kMinSub;
        v.push_back(t);
    }
    // Inf and NaN codes against zeros, finite values and each other.
    const uint16_t specials[] = {kPosInf, kNegInf, kQNaN, kSNaN, 0xffff, 0,
                                 kNeg,    kMinSub, kOne,  kMax | kNeg};
    for (uint16_t a : specials) {
        for (uint16_t w : specials) {
            for (uint16_t a2 : {kPosInf, kNegInf, kOne, (uint16_t)0}) {
                pe_bf16_input t = blank();
                t.a_codes[3] = a;
                t.w_codes[3] = w;
                t.a_codes[17] = a2;
                t.w_codes[17] = kMax;
                v.push_back(t);
            }
        }
    }
    // Accumulations across blocks.
    for (int len = 2; len <= 6; len++) {
        for (int rep = 0; rep < 4; rep++) {
            for (int i = 0; i < len; i++) {
                pe_bf16_input t = random_block();
                t.first = i == 0;
                t.last = i + 1 == len;
                if (rep == 1) {  // +Inf then -Inf accumulators: NaN
                    fill(t, i % 2 ? kMax | kNeg : kMax, kMax);
                }
                if (rep == 2) {  // x, -x: an exact zero accumulator (+0)
                    fill(t, i % 2 ? kMinSub | kNeg : kMinSub, kOne);
                }
                v.push_back(t);
            }
        }
    }
    // Accumulating on after an emitted result (no `first`).
    for (int i = 0; i < 4; i++) {
        pe_bf16_input t = random_block();
        t.first = i == 0;
        t.last = true;
        v.push_back(t);
    }
    return v;
}
