#include "pe_stimulus.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "mxaccel/mx_pack.h"

static pe_input blank()
{
    pe_input t = {};
    t.valid = true;
    t.first = true;
    t.last = true;
    t.a_scale = 127;
    t.w_scale = 127;
    return t;
}

PeStimulus::Codes PeStimulus::classify(mx_format_id id)
{
    Codes c = {};
    size_t n = 0;
    const mx_format *t = mx_format_mx_elements(&n);
    for (size_t i = 0; i < n; i++) {
        if (t[i].id == id) {
            c.f = t[i];
        }
    }
    float min_mag = INFINITY, lowest = INFINITY;
    for (uint32_t code = 0; code < (1u << c.f.storage_bits); code++) {
        const float v = mx_elem_decode(&c.f, code);
        if (std::isnan(v) || std::isinf(v)) {
            c.special.push_back((uint8_t)code);
            continue;
        }
        c.finite.push_back((uint8_t)code);
        if (v < lowest) {
            lowest = v;
            c.lowest = (uint8_t)code;
        }
        if (v != 0.0f && std::fabs(v) < min_mag) {
            min_mag = std::fabs(v);
        }
    }
    uint32_t u = 0;
    auto enc = [&](float v) {
        if (mx_elem_encode(&c.f, v, &u) != 0) {
            std::abort();
        }
        return (uint8_t)u;
    };
    c.pzero = enc(0.0f);
    c.has_nzero = c.f.ebits != 0;
    c.nzero = c.has_nzero ? enc(-0.0f) : c.pzero;
    c.pmax = enc(c.f.max_norm);
    c.nmax = enc(-c.f.max_norm);
    c.pmin = enc(min_mag);
    c.nmin = enc(-min_mag);
    for (float p = min_mag; p <= c.f.max_norm; p *= 2.0f) {
        c.pow2.push_back(enc(p));
    }
    return c;
}

PeStimulus::PeStimulus(mx_format_id a, mx_format_id w, uint64_t seed)
    : a_(classify(a)), w_(classify(w)), rng_(seed)
{
}

uint8_t PeStimulus::pick(const Codes &c)
{
    return c.finite[rng_() % c.finite.size()];
}

// The code of -value; +0 when -value has no code (int -2^(w-1)).
uint8_t PeStimulus::negate(const Codes &c, uint8_t code)
{
    uint32_t u = 0;
    const float v = mx_elem_decode(&c.f, code);
    return mx_elem_encode(&c.f, -v, &u) == 0 ? (uint8_t)u : c.pzero;
}

uint8_t PeStimulus::scale(bool wide)
{
    if (!wide) {
        return (uint8_t)(127 - 20 + (int)(rng_() % 41));
    }
    switch (rng_() % 4) {
    case 0:
        return 0x00;
    case 1:
        return 0xFE;
    default:
        return (uint8_t)(rng_() % 0xFF);
    }
}

pe_input PeStimulus::random_block()
{
    pe_input t = blank();
    const unsigned mode = (unsigned)(rng_() % 20);
    const bool wide = mode >= 15 && mode < 18;
    t.a_scale = scale(wide);
    t.w_scale = scale(wide);
    for (int i = 0; i < PE_N; i++) {
        t.a_codes[i] = pick(a_);
        t.w_codes[i] = pick(w_);
    }
    if (mode >= 10 && mode < 13) {  // sparse
        for (int i = 0; i < PE_N; i++) {
            if (rng_() % 8 != 0) {
                t.a_codes[i] = rng_() % 2 ? a_.pzero : a_.nzero;
            }
        }
    } else if (mode >= 13 && mode < 15) {  // pairs of products that cancel
        for (int i = 0; i < PE_N / 2; i++) {
            t.a_codes[i + PE_N / 2] = negate(a_, t.a_codes[i]);
            t.w_codes[i + PE_N / 2] = t.w_codes[i];
        }
        if (rng_() % 2) {  // leave one small residue
            t.a_codes[rng_() % PE_N] = a_.pmin;
        }
    } else if (mode == 18) {  // any code, NaN scales
        for (int i = 0; i < PE_N; i++) {
            t.a_codes[i] = (uint8_t)(rng_() % (1u << a_.f.storage_bits));
            t.w_codes[i] = (uint8_t)(rng_() % (1u << w_.f.storage_bits));
        }
        if (rng_() % 8 == 0) {
            t.a_scale = 0xFF;
        }
        if (rng_() % 8 == 0) {
            t.w_scale = 0xFF;
        }
    } else if (mode == 19) {  // a few special codes among finite ones
        for (int k = 0; k < 2; k++) {
            const int i = (int)(rng_() % PE_N);
            if (!a_.special.empty() && rng_() % 2) {
                t.a_codes[i] = a_.special[rng_() % a_.special.size()];
            }
            if (!w_.special.empty() && rng_() % 2) {
                t.w_codes[i] = w_.special[rng_() % w_.special.size()];
            }
        }
    }
    return t;
}

std::vector<pe_input> PeStimulus::random_stream(size_t n)
{
    std::vector<pe_input> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) {
        pe_input t = random_block();
        t.first = i == 0 || rng_() % 3 == 0;
        t.last = i + 1 == n || rng_() % 3 == 0;
        v.push_back(t);
    }
    return v;
}

std::vector<pe_input> PeStimulus::directed()
{
    std::vector<pe_input> v;
    auto fill = [](pe_input &t, uint8_t a, uint8_t w) {
        for (int i = 0; i < PE_N; i++) {
            t.a_codes[i] = a;
            t.w_codes[i] = w;
        }
    };
    const uint8_t scales[] = {0x00, 0x01, 0x7F, 0xFD, 0xFE, 0xFF};
    // Signed zeros, minimum and maximum magnitudes (and the lowest value: for
    // integers -2^(w-1), the largest magnitude) at every scale corner.
    const uint8_t a_vals[] = {a_.pzero, a_.nzero, a_.pmin, a_.nmin, a_.pmax, a_.nmax, a_.lowest};
    const uint8_t w_vals[] = {w_.pzero, w_.nzero, w_.pmin, w_.nmin, w_.pmax, w_.nmax, w_.lowest};
    for (uint8_t sa : scales) {
        for (uint8_t sw : scales) {
            for (uint8_t ca : a_vals) {
                for (uint8_t cw : w_vals) {
                    pe_input t = blank();
                    t.a_scale = sa;
                    t.w_scale = sw;
                    fill(t, ca, cw);  // all 32 lanes: overflow at high scales
                    v.push_back(t);
                    t.a_codes[0] = a_.pzero;  // 31 lanes, different sums
                    t.w_codes[1] = w_.nmin;
                    v.push_back(t);
                }
            }
        }
    }
    // Special codes against zeros, maxima and each other.
    std::vector<uint8_t> as = a_.special, ws = w_.special;
    as.push_back(a_.pzero);
    as.push_back(a_.pmax);
    as.push_back(a_.nmax);
    ws.push_back(w_.pzero);
    ws.push_back(w_.nzero);
    ws.push_back(w_.pmax);
    ws.push_back(w_.nmin);
    for (uint8_t ca : as) {
        for (uint8_t cw : ws) {
            for (uint8_t ca2 : as) {
                pe_input t = blank();
                fill(t, a_.pzero, w_.pzero);
                t.a_codes[3] = ca;
                t.w_codes[3] = cw;
                t.a_codes[17] = ca2;
                t.w_codes[17] = w_.pmax;
                v.push_back(t);
            }
        }
    }
    // 1..N lanes of the largest product magnitude of each sign: every high
    // bit of the exact sum.
    for (int k = 1; k <= PE_N; k++) {
        for (int neg = 0; neg < 2; neg++) {
            pe_input t = blank();
            fill(t, a_.pzero, w_.pzero);
            for (int i = 0; i < k; i++) {
                t.a_codes[i] = a_.lowest;
                t.w_codes[i] = neg ? w_.pmax : w_.lowest;
            }
            v.push_back(t);
        }
    }
    // Sums of distinct powers of two: lane k holds a product of 2^k quanta,
    // so the exact sum 2^K - 1 has K one bits (more than fp32's 24 round up
    // with a carry out of the significand), positive and negative.
    {
        const size_t ka = a_.pow2.size(), kw = w_.pow2.size();
        const size_t kmax = std::min<size_t>(PE_N, ka + kw - 1);
        for (int neg = 0; neg < 2; neg++) {
            pe_input t = blank();
            fill(t, a_.pzero, w_.pzero);
            for (size_t k = 0; k < kmax; k++) {
                const size_t i = std::min(k, ka - 1);
                t.a_codes[k] = neg ? negate(a_, a_.pow2[i]) : a_.pow2[i];
                t.w_codes[k] = w_.pow2[k - i];
            }
            v.push_back(t);
        }
    }
    // Exact cancellation to +0, then accumulations across blocks.
    {
        pe_input t = blank();
        for (int i = 0; i < PE_N / 2; i++) {
            t.a_codes[i] = pick(a_);
            t.w_codes[i] = pick(w_);
            t.a_codes[i + PE_N / 2] = negate(a_, t.a_codes[i]);
            t.w_codes[i + PE_N / 2] = t.w_codes[i];
        }
        v.push_back(t);
        t.a_scale = 0x00;
        v.push_back(t);
    }
    for (int len = 2; len <= 6; len++) {
        for (int rep = 0; rep < 4; rep++) {
            for (int i = 0; i < len; i++) {
                pe_input t = random_block();
                t.first = i == 0;
                t.last = i + 1 == len;
                if (rep == 1) {  // +max then -max blocks: Inf - Inf across blocks
                    fill(t, i % 2 ? a_.nmax : a_.pmax, w_.pmax);
                    t.a_scale = t.w_scale = 0xFE;
                }
                if (rep == 2) {  // x, -x: exact zero accumulator
                    fill(t, i % 2 ? a_.nmin : a_.pmin, w_.pmax);
                }
                v.push_back(t);
            }
        }
    }
    // Accumulating on after an emitted result (no `first`).
    for (int i = 0; i < 4; i++) {
        pe_input t = random_block();
        t.first = i == 0;
        t.last = true;
        v.push_back(t);
    }
    return v;
}

std::vector<pe_input> PeStimulus::single_products(bool random_scales)
{
    std::vector<pe_input> v;
    const uint32_t na = 1u << a_.f.storage_bits, nw = 1u << w_.f.storage_bits;
    v.reserve(na * nw);
    for (uint32_t ca = 0; ca < na; ca++) {
        for (uint32_t cw = 0; cw < nw; cw++) {
            pe_input t = blank();
            for (int i = 0; i < PE_N; i++) {
                t.a_codes[i] = a_.pzero;
                t.w_codes[i] = w_.pzero;
            }
            const int lane = (int)((ca * 7 + cw) % PE_N);
            t.a_codes[lane] = (uint8_t)ca;
            t.w_codes[lane] = (uint8_t)cw;
            if (random_scales) {
                t.a_scale = (uint8_t)(rng_() % 0xFF);
                t.w_scale = (uint8_t)(rng_() % 0xFF);
            }
            v.push_back(t);
        }
    }
    return v;
}
