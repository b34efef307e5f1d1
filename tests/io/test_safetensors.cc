// safetensors reader and writer: the checked-in seed weights, round trips,
// and one malformed file per validation rule.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "io_test_util.h"
#include "mxaccel/io.h"

namespace {

using iotest::is_one_line_error;
using iotest::read_bytes;
using iotest::safetensors_bytes;
using iotest::ScratchDir;
using iotest::seed_weights_path;
using iotest::write_bytes;

struct Expected {
    const char *name;
    std::vector<int64_t> shape;
    uint64_t begin, end; // data_offsets in the file's header
};

// The seed file's layout, as its header states it (written out by hand).
const std::vector<Expected> kSeedLayout = {
    {"conv1.weight", {32, 1, 3, 3}, 0, 1152},
    {"conv1.bias", {32}, 1152, 1280},
    {"conv2.weight", {64, 32, 3, 3}, 1280, 75008},
    {"conv2.bias", {64}, 75008, 75264},
    {"fc1.weight", {128, 9216}, 75264, 4793856},
    {"fc1.bias", {128}, 4793856, 4794368},
    {"fc2.weight", {10, 128}, 4794368, 4799488},
    {"fc2.bias", {10}, 4799488, 4799528},
};

uint32_t bits_of(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

// A little-endian fp32 word at a byte offset of the raw file.
uint32_t word_at(const std::string &file, uint64_t offset)
{
    uint32_t u = 0;
    for (int i = 3; i >= 0; i--) {
        u = u << 8 | static_cast<unsigned char>(file.at(offset + static_cast<uint64_t>(i)));
    }
    return u;
}

std::string replace_once(std::string s, const std::string &from, const std::string &to)
{
    const size_t at = s.find(from);
    if (at == std::string::npos) {
        throw std::runtime_error("'" + from + "' not found");
    }
    return s.replace(at, from.size(), to);
}

TEST(SafetensorsRead, SeedWeightsHaveTheExpectedTensors)
{
    mx_safetensors st;
    char err[512] = "";
    ASSERT_EQ(mx_safetensors_read(seed_weights_path().c_str(), &st, err, sizeof err), 0) << err;
    const std::string raw = read_bytes(seed_weights_path());
    const uint64_t data_start = 8 + iotest::header_length(raw);
    EXPECT_EQ(data_start, 8u + 672u);
    ASSERT_EQ(st.count, 8);
    for (size_t i = 0; i < kSeedLayout.size(); i++) {
        const Expected &e = kSeedLayout[i];
        SCOPED_TRACE(e.name);
        const mx_tensor &t = st.tensors[i];
        EXPECT_STREQ(t.name, e.name); // header order is kept
        ASSERT_EQ(t.ndim, static_cast<int>(e.shape.size()));
        size_t count = 1;
        for (int d = 0; d < t.ndim; d++) {
            EXPECT_EQ(t.shape[d], e.shape[static_cast<size_t>(d)]);
            count *= static_cast<size_t>(e.shape[static_cast<size_t>(d)]);
        }
        ASSERT_EQ(t.count, count);
        ASSERT_EQ(count * 4, e.end - e.begin);
        EXPECT_EQ(bits_of(t.data[0]), word_at(raw, data_start + e.begin));
        EXPECT_EQ(bits_of(t.data[count - 1]), word_at(raw, data_start + e.end - 4));
        EXPECT_EQ(mx_safetensors_find(&st, e.name), &t);
    }
    // Two values written down from the file once, in case both sides agree on a wrong offset.
    EXPECT_EQ(bits_of(st.tensors[0].data[0]), 0x3e09a755u);
    EXPECT_FLOAT_EQ(st.tensors[7].data[9], -0.13603921f);
    EXPECT_EQ(mx_safetensors_find(&st, "fc3.weight"), nullptr);
    mx_safetensors_free(&st);
    EXPECT_EQ(st.count, 0);
    EXPECT_EQ(st.tensors, nullptr);
}

TEST(SafetensorsRead, MetadataAndPaddingAreAccepted)
{
    ScratchDir dir;
    const std::string path = dir.file("meta.safetensors");
    const std::string header =
        "{\"__metadata__\": {\"format\": \"pt\"}, \"s\": {\"dtype\": \"F32\", \"shape\": [], "
        "\"data_offsets\": [0, 4]}, \"e\": {\"dtype\": \"F32\", \"shape\": [0, 3], "
        "\"data_offsets\": [4, 4]}}  \n\t ";
    write_bytes(path, safetensors_bytes(header, std::string("\x00\x00\x80\x3f", 4)));
    mx_safetensors st;
    char err[512] = "";
    ASSERT_EQ(mx_safetensors_read(path.c_str(), &st, err, sizeof err), 0) << err;
    ASSERT_EQ(st.count, 2);
    EXPECT_STREQ(st.tensors[0].name, "s");
    EXPECT_EQ(st.tensors[0].ndim, 0);
    ASSERT_EQ(st.tensors[0].count, 1u);
    EXPECT_EQ(st.tensors[0].data[0], 1.0f);
    EXPECT_EQ(st.tensors[1].count, 0u);
    EXPECT_EQ(mx_safetensors_find(&st, "__metadata__"), nullptr);
    mx_safetensors_free(&st);
}

void expect_same_tensors(const mx_safetensors &a, const mx_safetensors &b)
{
    ASSERT_EQ(a.count, b.count);
    for (int i = 0; i < a.count; i++) {
        const mx_tensor &x = a.tensors[i];
        const mx_tensor &y = b.tensors[i];
        SCOPED_TRACE(x.name);
        EXPECT_STREQ(x.name, y.name);
        ASSERT_EQ(x.ndim, y.ndim);
        for (int d = 0; d < x.ndim; d++) {
            EXPECT_EQ(x.shape[d], y.shape[d]);
        }
        ASSERT_EQ(x.count, y.count);
        if (x.count > 0) {
            EXPECT_EQ(std::memcmp(x.data, y.data, x.count * 4), 0);
        }
    }
}

TEST(SafetensorsWrite, SeedWeightsRoundTripBitIdentical)
{
    ScratchDir dir;
    const std::string path = dir.file("copy.safetensors");
    mx_safetensors orig;
    mx_safetensors back;
    char err[512] = "";
    ASSERT_EQ(mx_safetensors_read(seed_weights_path().c_str(), &orig, err, sizeof err), 0) << err;
    ASSERT_EQ(mx_safetensors_write(path.c_str(), orig.tensors, orig.count, err, sizeof err), 0)
        << err;
    ASSERT_EQ(mx_safetensors_read(path.c_str(), &back, err, sizeof err), 0) << err;
    expect_same_tensors(orig, back);

    // Same data area byte for byte; header padded to a multiple of 8.
    const std::string a = read_bytes(seed_weights_path());
    const std::string b = read_bytes(path);
    const uint64_t na = iotest::header_length(a);
    const uint64_t nb = iotest::header_length(b);
    EXPECT_EQ(nb % 8, 0u);
    EXPECT_EQ(b.size(), 8 + nb + 4799528);
    EXPECT_TRUE(a.compare(8 + na, std::string::npos, b, 8 + nb, std::string::npos) == 0);

    // Writing what was read back gives the same file; no temporary file is left.
    const std::string path2 = dir.file("copy2.safetensors");
    ASSERT_EQ(mx_safetensors_write(path2.c_str(), back.tensors, back.count, err, sizeof err), 0)
        << err;
    EXPECT_EQ(read_bytes(path2), b);
    int files = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dir.path())) {
        (void)entry;
        files++;
    }
    EXPECT_EQ(files, 2);
    mx_safetensors_free(&orig);
    mx_safetensors_free(&back);
}

TEST(SafetensorsWrite, SpecialValuesScalarsAndEmptyTensorsRoundTrip)
{
    ScratchDir dir;
    const std::string path = dir.file("special.safetensors");
    const uint32_t words[] = {0x7fc00001u, 0xff800000u, 0x80000000u, 0x00000001u,
                              0x7f7fffffu, 0xffbfffffu};
    float vals[6];
    std::memcpy(vals, words, sizeof vals);
    float scalar = 2.5f;
    mx_tensor t[3] = {};
    std::snprintf(t[0].name, sizeof t[0].name, "special");
    t[0].ndim = 2;
    t[0].shape[0] = 2;
    t[0].shape[1] = 3;
    t[0].count = 6;
    t[0].data = vals;
    std::snprintf(t[1].name, sizeof t[1].name, "empty");
    t[1].ndim = 3;
    t[1].shape[0] = 4;
    t[1].shape[1] = 0;
    t[1].shape[2] = 2;
    t[1].count = 0;
    std::snprintf(t[2].name, sizeof t[2].name, "name with \"quotes\" and \\ ü");
    t[2].ndim = 0;
    t[2].count = 1;
    t[2].data = &scalar;
    char err[512] = "";
    ASSERT_EQ(mx_safetensors_write(path.c_str(), t, 3, err, sizeof err), 0) << err;
    mx_safetensors back;
    ASSERT_EQ(mx_safetensors_read(path.c_str(), &back, err, sizeof err), 0) << err;
    mx_safetensors orig = {3, t};
    expect_same_tensors(orig, back);
    mx_safetensors_free(&back);

    ASSERT_EQ(mx_safetensors_write(path.c_str(), nullptr, 0, err, sizeof err), 0) << err;
    ASSERT_EQ(mx_safetensors_read(path.c_str(), &back, err, sizeof err), 0) << err;
    EXPECT_EQ(back.count, 0);
    mx_safetensors_free(&back);
}

TEST(SafetensorsWrite, UnwritablePathFails)
{
    mx_safetensors st;
    char err[512] = "";
    ASSERT_EQ(mx_safetensors_read(seed_weights_path().c_str(), &st, err, sizeof err), 0) << err;
    const std::string path = "/nonexistent-mxaccel-dir/w.safetensors";
    const int rc = mx_safetensors_write(path.c_str(), st.tensors, st.count, err, sizeof err);
    EXPECT_TRUE(is_one_line_error(rc, err, path, "cannot create"));
    mx_safetensors_free(&st);
}

TEST(SafetensorsWrite, TargetDirectoryFailsAndLeavesNoTemporaryFile)
{
    ScratchDir dir;
    const std::string path = dir.file("taken");
    ASSERT_EQ(mkdir(path.c_str(), 0755), 0);
    float v = 1.0f;
    mx_tensor t = {};
    std::snprintf(t.name, sizeof t.name, "v");
    t.ndim = 1;
    t.shape[0] = 1;
    t.count = 1;
    t.data = &v;
    char err[512] = "";
    const int rc = mx_safetensors_write(path.c_str(), &t, 1, err, sizeof err);
    EXPECT_TRUE(is_one_line_error(rc, err, path, "rename"));
    int files = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dir.path())) {
        (void)entry;
        files++;
    }
    EXPECT_EQ(files, 1);
}

TEST(SafetensorsWrite, InvalidTensorListsAreRejected)
{
    ScratchDir dir;
    const std::string path = dir.file("bad.safetensors");
    float v[2] = {1.0f, 2.0f};
    mx_tensor t[2] = {};
    for (int i = 0; i < 2; i++) {
        std::snprintf(t[i].name, sizeof t[i].name, "t%d", i);
        t[i].ndim = 1;
        t[i].shape[0] = 2;
        t[i].count = 2;
        t[i].data = v;
    }
    char err[512] = "";
    t[1].shape[0] = 3;
    EXPECT_TRUE(is_one_line_error(mx_safetensors_write(path.c_str(), t, 2, err, sizeof err), err,
                                  path, "elements"));
    t[1].shape[0] = 2;
    std::snprintf(t[1].name, sizeof t[1].name, "t0");
    EXPECT_TRUE(is_one_line_error(mx_safetensors_write(path.c_str(), t, 2, err, sizeof err), err,
                                  path, "duplicate"));
    std::snprintf(t[1].name, sizeof t[1].name, "__metadata__");
    EXPECT_TRUE(is_one_line_error(mx_safetensors_write(path.c_str(), t, 2, err, sizeof err), err,
                                  path, "reserved"));
    std::snprintf(t[1].name, sizeof t[1].name, "t1");
    t[1].data = nullptr;
    EXPECT_TRUE(is_one_line_error(mx_safetensors_write(path.c_str(), t, 2, err, sizeof err), err,
                                  path, "no data"));
    EXPECT_FALSE(std::filesystem::exists(path));
}

// One malformed file: how to make it from the seed file's bytes, and a word
// the error message must contain.
struct Malformed {
    const char *name;
    std::function<std::string(const std::string &seed)> make;
    const char *keyword;
};

std::string one_tensor(const std::string &entry, const std::string &data = std::string(8, '\0'))
{
    return safetensors_bytes("{\"t\": " + entry + "}", data);
}

std::string seed_header(const std::string &seed)
{
    return seed.substr(8, iotest::header_length(seed));
}

std::string seed_data(const std::string &seed)
{
    return seed.substr(8 + iotest::header_length(seed));
}

std::string with_length(std::string file, uint64_t n)
{
    for (int i = 0; i < 8; i++) {
        file[static_cast<size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    }
    return file;
}

const std::vector<Malformed> &malformed_cases()
{
    static const std::vector<Malformed> cases = {
        {"EmptyFile", [](const std::string &) { return std::string(); }, "too short"},
        {"ShortLengthField", [](const std::string &s) { return s.substr(0, 5); }, "too short"},
        {"HeaderLengthHuge",
         [](const std::string &s) { return with_length(s, std::numeric_limits<uint64_t>::max()); },
         "exceeds the file size"},
        {"HeaderLengthPastEnd",
         [](const std::string &s) { return with_length(s, s.size() - 7); },
         "exceeds the file size"},
        {"TruncatedInData", [](const std::string &s) { return s.substr(0, 8 + 672 + 100000); },
         "run past the end of the data"},
        {"TruncatedLastByte", [](const std::string &s) { return s.substr(0, s.size() - 1); },
         "run past the end of the data"},
        {"TruncatedInHeader", [](const std::string &s) { return s.substr(0, 300); },
         "exceeds the file size"},
        {"CorruptJson",
         [](const std::string &s) {
             return safetensors_bytes(replace_once(seed_header(s), ":", ";"), seed_data(s));
         },
         "not valid JSON"},
        {"JsonTrailingBytes",
         [](const std::string &) { return safetensors_bytes("{} x", ""); }, "not valid JSON"},
        {"HeaderNotObject",
         [](const std::string &) { return safetensors_bytes("[1, 2]", ""); },
         "not a JSON object"},
        {"EntryNotObject", [](const std::string &) { return one_tensor("5"); },
         "not a JSON object"},
        {"MissingDtype",
         [](const std::string &) {
             return one_tensor("{\"shape\": [2], \"data_offsets\": [0, 8]}");
         },
         "dtype"},
        {"DtypeF16",
         [](const std::string &s) {
             return safetensors_bytes(replace_once(seed_header(s), "F32", "F16"), seed_data(s));
         },
         "F16"},
        {"DtypeNotString",
         [](const std::string &) {
             return one_tensor("{\"dtype\": 32, \"shape\": [2], \"data_offsets\": [0, 8]}");
         },
         "dtype"},
        {"MissingShape",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"data_offsets\": [0, 8]}");
         },
         "shape"},
        {"ShapeNegative",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [-2], \"data_offsets\": [0, 8]}");
         },
         "not a non-negative integer"},
        {"ShapeFraction",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 8]}");
         },
         "not a non-negative integer"},
        {"ShapeString",
         [](const std::string &) {
             return one_tensor(
                 "{\"dtype\": \"F32\", \"shape\": [\"2\"], \"data_offsets\": [0, 8]}");
         },
         "not a non-negative integer"},
        {"ShapeTooManyDims",
         [](const std::string &) {
             return one_tensor(
                 "{\"dtype\": \"F32\", \"shape\": [1,1,1,1,1,1,1,1,2], \"data_offsets\": [0, 8]}");
         },
         "9 dimensions"},
        {"ShapeDoesNotMatchOffsets",
         [](const std::string &s) {
             return safetensors_bytes(
                 replace_once(seed_header(s), "\"shape\": [10]", "\"shape\": [11]"),
                 seed_data(s));
         },
         "needs 44 bytes"},
        {"ShapeTooLarge",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [4503599627370496, "
                               "4503599627370496], \"data_offsets\": [0, 8]}");
         },
         "too large"},
        {"MissingOffsets",
         [](const std::string &) { return one_tensor("{\"dtype\": \"F32\", \"shape\": [2]}"); },
         "data_offsets"},
        {"OffsetsThreeValues",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8, 8]}");
         },
         "data_offsets"},
        {"OffsetsNegative",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [-8, 0]}");
         },
         "data_offsets"},
        {"OffsetsReversed",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 4]}");
         },
         "begin after their end"},
        {"OffsetsPastEnd",
         [](const std::string &) {
             return one_tensor("{\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}");
         },
         "run past the end of the data (8 bytes)"},
        {"OverlappingTensors",
         [](const std::string &) {
             return safetensors_bytes(
                 "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, "
                 "\"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}",
                 std::string(12, '\0'));
         },
         "overlap"},
        {"DuplicateNames",
         [](const std::string &) {
             return safetensors_bytes(
                 "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, "
                 "\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}",
                 std::string(8, '\0'));
         },
         "duplicate"},
        {"MetadataNotObject",
         [](const std::string &) { return safetensors_bytes("{\"__metadata__\": [1]}", ""); },
         "__metadata__"},
        {"MetadataValueNotString",
         [](const std::string &) {
             return safetensors_bytes("{\"__metadata__\": {\"epochs\": 2}}", "");
         },
         "__metadata__"},
        {"NameTooLong",
         [](const std::string &) {
             return safetensors_bytes("{\"" + std::string(200, 'n') +
                                          "\": {\"dtype\": \"F32\", \"shape\": [1], "
                                          "\"data_offsets\": [0, 4]}}",
                                      std::string(4, '\0'));
         },
         "longer than 127 bytes"},
        {"ControlCharactersStayOnOneLine",
         [](const std::string &) {
             return safetensors_bytes(
                 "{\"a\\nb\": {\"dtype\": \"F\\n16\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
                 std::string(4, '\0'));
         },
         "tensor 'a?b' has dtype F?16"},
    };
    return cases;
}

class SafetensorsMalformed : public ::testing::TestWithParam<size_t> {};

TEST_P(SafetensorsMalformed, FailsWithOneLineMessage)
{
    const Malformed &c = malformed_cases()[GetParam()];
    ScratchDir dir;
    const std::string path = dir.file("bad.safetensors");
    write_bytes(path, c.make(read_bytes(seed_weights_path())));
    mx_safetensors st = {5, nullptr};
    char err[512] = "";
    const int rc = mx_safetensors_read(path.c_str(), &st, err, sizeof err);
    EXPECT_TRUE(is_one_line_error(rc, err, path, c.keyword));
    EXPECT_EQ(st.count, 0);
    EXPECT_EQ(st.tensors, nullptr);
}

INSTANTIATE_TEST_SUITE_P(Cases, SafetensorsMalformed,
                         ::testing::Range<size_t>(0, malformed_cases().size()),
                         [](const ::testing::TestParamInfo<size_t> &info) {
                             return std::string(malformed_cases()[info.param].name);
                         });

TEST(SafetensorsRead, MissingFileAndDirectoryFail)
{
    ScratchDir dir;
    mx_safetensors st;
    char err[512] = "";
    const std::string missing = dir.file("none.safetensors");
    EXPECT_TRUE(is_one_line_error(mx_safetensors_read(missing.c_str(), &st, err, sizeof err), err,
                                  missing, "No such file"));
    EXPECT_TRUE(is_one_line_error(mx_safetensors_read(dir.path().c_str(), &st, err, sizeof err),
                                  err, dir.path(), "not a regular file"));
}

}  // namespace
