// Small deterministic generator (splitmix64): fixed seeds give the same
// inputs on every platform and standard library.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

namespace hwref {

class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}

    uint64_t next()
    {
        uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint32_t u32() { return static_cast<uint32_t>(next() >> 32); }
    // Uniform in [0, n).
    uint64_t below(uint64_t n) { return next() % n; }
    // Uniform in [lo, hi] (inclusive).
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<uint64_t>(hi - lo + 1))); }
    bool coin() { return (next() >> 63) != 0; }
    // Uniform in (0, 1).
    double unit() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1p-53; }
    double gaussian()
    {
        const double r = std::sqrt(-2.0 * std::log(unit()));
        return r * std::cos(6.283185307179586 * unit());
    }

private:
    uint64_t s_;
};

// A fixed seed per test case name (FNV-1a), the same on every platform.
inline uint64_t seed_for(const std::string &name)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : name) {
        h = (h ^ c) * 0x100000001b3ull;
    }
    return h;
}

}  // namespace hwref
