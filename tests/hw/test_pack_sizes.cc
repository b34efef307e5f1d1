// Packed sizes against the OCP MX layout: one E8M0 byte plus the element bits.
#include <gtest/gtest.h>

#include "mxaccel/mx_pack.h"
#include "targets.h"

namespace hwref {
namespace {

struct Size {
    const char *name;
    size_t bytes32;  // one 32-element block
    double bits32;   // per element, block size 32
};

TEST(HwPackSizes, OcpLayout)
{
    const Size sizes[] = {{"fp8_e4m3", 33, 8.25}, {"fp8_e5m2", 33, 8.25}, {"fp6_e3m2", 25, 6.25},
                          {"fp6_e2m3", 25, 6.25}, {"fp4_e2m1", 17, 4.25}, {"int8", 33, 8.25},
                          {"int4", 17, 4.25},     {"int2", 9, 2.25},      {"fp16", 65, 16.25},
                          {"bfloat16", 65, 16.25}};
    for (const Size &s : sizes) {
        const mx_format f = lib_format_named(s.name);
        EXPECT_EQ(mx_packed_block_bytes(&f, 32), s.bytes32) << s.name;
        EXPECT_EQ(mx_bits_per_element(&f, 32), s.bits32) << s.name;
    }
}

TEST(HwPackSizes, OtherBlockSizes)
{
    const mx_format fp8 = lib_format_named("fp8_e4m3");
    const mx_format fp6 = lib_format_named("fp6_e2m3");
    const mx_format fp4 = lib_format_named("fp4_e2m1");
    const mx_format int2 = lib_format_named("int2");
    EXPECT_EQ(mx_packed_block_bytes(&fp8, 1), 2u);
    EXPECT_EQ(mx_packed_block_bytes(&fp6, 1), 2u);
    EXPECT_EQ(mx_packed_block_bytes(&fp6, 7), 7u);   // 42 bits -> 6 bytes
    EXPECT_EQ(mx_packed_block_bytes(&fp4, 7), 5u);   // 28 bits -> 4 bytes
    EXPECT_EQ(mx_packed_block_bytes(&int2, 5), 3u);  // 10 bits -> 2 bytes
    EXPECT_EQ(mx_packed_block_bytes(&fp6, 16), 13u);
    EXPECT_EQ(mx_packed_block_bytes(&fp8, 64), 65u);
    EXPECT_EQ(mx_bits_per_element(&fp8, 16), 8.5);
    EXPECT_EQ(mx_bits_per_element(&fp8, 64), 8.125);
    EXPECT_EQ(mx_bits_per_element(&fp4, 1), 12.0);
    EXPECT_EQ(mx_bits_per_element(&int2, 8), 3.0);
}

}  // namespace
}  // namespace hwref
