// Bit-pattern helpers: contracts are compared as fp32 bit patterns.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace hwref {

constexpr uint32_t kCanonicalNaN = 0x7fc00000u;

inline uint32_t bits_of(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

inline float float_of(uint32_t u)
{
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

// "0x3f800000 (1)" — bits first, value for the reader.
inline std::string describe(float f)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "0x%08x (%.9g)", bits_of(f), static_cast<double>(f));
    return buf;
}

}  // namespace hwref
