// The layer program's files and the hardware parameter table: what
// accel_program_write writes, accel_program_read gives back field for field
// and byte for byte; the descriptor table is the DRAM image's last area, the
// descriptors as little-endian words in field order; every file defect is
// refused with a message naming it, and so is a program longer than the
// descriptor memory; `--hw FILE` parsing (model/accel/params.h, program.h).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

extern "C" {
#include "compile.h"
#include "mxaccel/cnn.h"
#include "params.h"
#include "program.h"
}

namespace {

std::string TempDir(const char *name)
{
    std::string dir = ::testing::TempDir() + "accel_program_" + name;
    std::string cmd = "rm -rf '" + dir + "' && mkdir -p '" + dir + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return dir;
}

std::string ReadFile(const std::string &path)
{
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

void WriteFile(const std::string &path, const std::string &text)
{
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f << text;
}

// A compiled program of the default configuration (fp8_e4m3 x fp8).
class ProgramFiles : public ::testing::Test {
  protected:
    static void SetUpTestSuite()
    {
        char err[512] = "";
        ASSERT_EQ(mx_cnn_weights_load(MXACCEL_TEST_WEIGHTS, &weights_, err, sizeof err), 0) << err;
        mx_cnn_config cfg;
        mx_cnn_config_default(&cfg);
        cfg.profile = MX_PROFILE_HW;
        ASSERT_EQ(mx_format_from_name("fp8_e4m3", &cfg.w_fmt, nullptr, 0), 0);
        cfg.a_fmt = cfg.w_fmt;
        cfg.a_mx = cfg.w_mx = true;
        cfg.elem = mx_format_fp(8, &cfg.elem_fmt) == 0;
        accel_params hw;
        accel_params_default(&hw);
        hw.batch = 2;
        ASSERT_EQ(accel_compile(&weights_, &cfg, &hw, 2, &prog_, err, sizeof err), 0) << err;
    }
    static void TearDownTestSuite()
    {
        accel_program_free(&prog_);
        mx_cnn_weights_free(&weights_);
    }

    // Write the program to a fresh directory; returns it.
    static std::string Written(const char *name)
    {
        const std::string dir = TempDir(name);
        char err[512] = "";
        EXPECT_EQ(accel_program_write(&prog_, dir.c_str(), err, sizeof err), 0) << err;
        return dir;
    }

    // Reading dir must fail with a message containing every word of want.
    static void ExpectRefused(const std::string &dir, const std::string &want)
    {
        accel_program p;
        char err[512] = "";
        ASSERT_NE(accel_program_read(dir.c_str(), &p, err, sizeof err), 0) << "accepted: " << want;
        const std::string msg = err;
        EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
        std::istringstream words(want);
        for (std::string w; words >> w;) {
            EXPECT_NE(msg.find(w), std::string::npos) << "'" << w << "' not in: " << msg;
        }
    }

    static mx_cnn_weights weights_;
    static accel_program prog_;
};

mx_cnn_weights ProgramFiles::weights_;
accel_program ProgramFiles::prog_;

TEST_F(ProgramFiles, RoundTripGivesEveryFieldAndByteBack)
{
    const std::string dir = Written("roundtrip");
    accel_program q;
    char err[512] = "";
    ASSERT_EQ(accel_program_read(dir.c_str(), &q, err, sizeof err), 0) << err;
    EXPECT_EQ(std::memcmp(&q.hw, &prog_.hw, sizeof q.hw), 0);
    EXPECT_STREQ(q.elem.name, prog_.elem.name);
    EXPECT_STREQ(q.a_fmt.name, prog_.a_fmt.name);
    EXPECT_STREQ(q.w_fmt.name, prog_.w_fmt.name);
    EXPECT_EQ(q.round, prog_.round);
    EXPECT_EQ(q.images, 2u);
    EXPECT_EQ(q.input_dram, prog_.input_dram);
    EXPECT_EQ(q.input_stride, prog_.input_stride);
    EXPECT_EQ(q.output_dram, prog_.output_dram);
    EXPECT_EQ(q.output_stride, prog_.output_stride);
    ASSERT_EQ(q.n_descs, prog_.n_descs);
    for (size_t i = 0; i < q.n_descs; i++) {
        EXPECT_EQ(std::memcmp(&q.descs[i], &prog_.descs[i], sizeof q.descs[i]), 0) << "desc " << i;
    }
    ASSERT_EQ(q.dram_bytes, prog_.dram_bytes);
    EXPECT_EQ(std::memcmp(q.dram, prog_.dram, q.dram_bytes), 0);
    EXPECT_EQ(q.desc_dram, prog_.desc_dram);
    accel_program_free(&q);
}

TEST_F(ProgramFiles, DescriptorTableIsTheLastDramArea)
{
    const size_t words = sizeof(accel_desc) / sizeof(uint32_t);
    ASSERT_EQ(words, 22u);
    EXPECT_EQ(prog_.desc_dram % 64, 0u);
    EXPECT_EQ(prog_.desc_dram + prog_.n_descs * 4 * words, prog_.dram_bytes);
    for (size_t i = 0; i < prog_.n_descs; i++) {
        // accel_desc is its fields in program_fields.def order
        uint32_t field[22];
        std::memcpy(field, &prog_.descs[i], sizeof field);
        for (size_t k = 0; k < words; k++) {
            const uint8_t *b = prog_.dram + prog_.desc_dram + (i * words + k) * 4;
            const uint32_t v = b[0] | static_cast<uint32_t>(b[1]) << 8 |
                               static_cast<uint32_t>(b[2]) << 16 | static_cast<uint32_t>(b[3]) << 24;
            EXPECT_EQ(v, field[k]) << "descriptor " << i << " word " << k;
        }
    }
}

TEST_F(ProgramFiles, CompilerRefusesMoreDescriptorsThanDescSlots)
{
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = MX_PROFILE_HW;
    ASSERT_EQ(mx_format_from_name("fp8_e4m3", &cfg.w_fmt, nullptr, 0), 0);
    cfg.a_fmt = cfg.w_fmt;
    cfg.a_mx = cfg.w_mx = true;
    cfg.elem = mx_format_fp(8, &cfg.elem_fmt) == 0;
    accel_params hw = prog_.hw;
    const int need = static_cast<int>(prog_.n_descs);
    hw.desc_slots = need - 1;
    accel_program p;
    char err[512] = "";
    ASSERT_NE(accel_compile(&weights_, &cfg, &hw, 2, &p, err, sizeof err), 0);
    const std::string msg = err;
    for (const std::string &w : {std::to_string(need) + " descriptors",
                                 std::to_string(need - 1), std::string("--desc-slots")}) {
        EXPECT_NE(msg.find(w), std::string::npos) << "'" << w << "' not in: " << msg;
    }
    hw.desc_slots = need;
    ASSERT_EQ(accel_compile(&weights_, &cfg, &hw, 2, &p, err, sizeof err), 0) << err;
    accel_program_free(&p);
}

TEST_F(ProgramFiles, ProgramTextDefectsAreRefused)
{
    const std::string good = ReadFile(Written("text_good") + "/program.txt");
    const std::string n = std::to_string(prog_.n_descs), table = std::to_string(prog_.desc_dram);
    struct Case {
        std::string name, from, to, want;
    } cases[] = {
        {"version", "mxaccel-program 2", "mxaccel-program 9", "program.txt version"},
        {"descs", "descs ", "descs 9", "program.txt"},
        {"op", "desc op=load", "desc op=fetch", "program.txt unknown op"},
        {"field", " bytes=784", " bytes=seven", "program.txt bytes="},
        {"outside", " buf=0 bytes=784", " buf=4000000000 bytes=784", "activation buffer"},
        {"bytes0", " buf=0 bytes=784", " buf=0 bytes=0", "descriptor 0 load moves 0 bytes"},
        // ADD, RELU and RMAX4: one more than a lane's ALUs after QUANT
        {"epi3", " epi=27 ", " epi=30 ", "conv2 matmul epilogue bits 30 two ALUs"},
        {"rows0", "hw rows=8", "hw rows=0", "rows"},
        {"format", "elem=fp8", "elem=fp32", "elementwise format fp32"},
        // the descriptor table: a line that disagrees with it, the table
        // elsewhere or outside the image, more descriptors than slots
        {"table", " blocks=784 ", " blocks=783 ", "program.txt descriptor 1 differs table"},
        {"table_moved", "descs " + n + " dram=" + table,
         "descs " + n + " dram=" + std::to_string(prog_.desc_dram - 64),
         "program.txt descriptor 0 differs table"},
        {"table_outside", "descs " + n + " dram=" + table, "descs " + n + " dram=4000000000",
         "program.txt descriptor table outside DRAM image"},
        {"slots", " desc_slots=512", " desc_slots=" + std::to_string(prog_.n_descs - 1),
         "program.txt " + n + " descriptors desc_slots"},
    };
    for (const Case &c : cases) {
        std::string text = good;
        const size_t at = text.find(c.from);
        ASSERT_NE(at, std::string::npos) << c.name;
        text.replace(at, c.from.size(), c.to);
        const std::string dir = Written(c.name.c_str());
        WriteFile(dir + "/program.txt", text);
        SCOPED_TRACE(c.name);
        ExpectRefused(dir, c.want);
    }
    // cut in the descriptors and in the header
    for (size_t keep : {good.size() / 2, good.size() * 9 / 10, size_t{60}}) {
        const std::string dir = Written("truncated");
        WriteFile(dir + "/program.txt", good.substr(0, good.rfind('\n', keep) + 1));
        ExpectRefused(dir, "program.txt truncated");
    }
}

TEST_F(ProgramFiles, DramImageDefectsAreRefused)
{
    const std::string image = ReadFile(Written("dram_good") + "/dram.bin");
    ASSERT_EQ(image.size(), prog_.dram_bytes);
    std::string dir = Written("dram_short");
    WriteFile(dir + "/dram.bin", image.substr(0, image.size() - 1));
    ExpectRefused(dir, "dram.bin truncated");
    dir = Written("dram_long");
    WriteFile(dir + "/dram.bin", image + "x");
    ExpectRefused(dir, "dram.bin longer");
    dir = Written("dram_flip");
    std::string flipped = image;
    flipped[image.size() / 2] = static_cast<char>(flipped[image.size() / 2] ^ 0x10);
    WriteFile(dir + "/dram.bin", flipped);
    ExpectRefused(dir, "dram.bin CRC-32");
    dir = Written("dram_missing");
    ASSERT_EQ(std::remove((dir + "/dram.bin").c_str()), 0);
    ExpectRefused(dir, "dram.bin cannot open");
}

TEST(AccelParams, TableDefaultsAndLimits)
{
    size_t n = 0;
    const accel_param_info *t = accel_param_table(&n);
    ASSERT_GT(n, 0u);
    accel_params p;
    accel_params_default(&p);
    for (size_t i = 0; i < n; i++) {
        EXPECT_EQ(accel_param_get(&p, &t[i]), t[i].def) << t[i].name;
        EXPECT_LE(t[i].lo, t[i].def) << t[i].name;
        EXPECT_LE(t[i].def, t[i].hi) << t[i].name;
        EXPECT_EQ(accel_param_find(t[i].name), &t[i]);
    }
    EXPECT_EQ(accel_param_find("dram-bytes-per-cycle"), accel_param_find("dram_bytes_per_cycle"));
    EXPECT_EQ(accel_param_find("no_such"), nullptr);
    char err[256];
    EXPECT_EQ(accel_param_set(&p, "rows", "16", err, sizeof err), 0);
    EXPECT_EQ(p.rows, 16);
    EXPECT_NE(accel_param_set(&p, "rows", "0", err, sizeof err), 0);
    EXPECT_NE(std::string(err).find("rows must be an integer in 1..64"), std::string::npos) << err;
    EXPECT_NE(accel_param_set(&p, "cols", "8x", err, sizeof err), 0);
    EXPECT_NE(accel_param_set(&p, "cols", "", err, sizeof err), 0);
    EXPECT_EQ(p.rows, 16);
}

TEST(AccelParams, HwFile)
{
    const std::string dir = TempDir("hw");
    WriteFile(dir + "/good.hw", "# a design point\nrows = 4   # fewer rows\n\ncols=16\ndram-latency = 0\n");
    accel_params p;
    accel_params_default(&p);
    char err[512] = "";
    ASSERT_EQ(accel_params_load((dir + "/good.hw").c_str(), &p, err, sizeof err), 0) << err;
    EXPECT_EQ(p.rows, 4);
    EXPECT_EQ(p.cols, 16);
    EXPECT_EQ(p.dram_latency, 0);
    EXPECT_EQ(p.seu_lanes, 4); // not in the file: unchanged
    const struct {
        const char *text, *want;
    } bad[] = {
        {"rows = 4\nbanks = 3\n", "bad.hw:2: unknown hardware parameter 'banks'"},
        {"rows 4\n", "bad.hw:1: expected 'name = value'"},
        {"\n\ncols = 0\n", "bad.hw:3: cols must be an integer in 1..64"},
    };
    for (const auto &b : bad) {
        WriteFile(dir + "/bad.hw", b.text);
        EXPECT_NE(accel_params_load((dir + "/bad.hw").c_str(), &p, err, sizeof err), 0);
        EXPECT_NE(std::string(err).find(b.want), std::string::npos) << err;
    }
    EXPECT_NE(accel_params_load((dir + "/missing.hw").c_str(), &p, err, sizeof err), 0);
    EXPECT_NE(std::string(err).find("cannot open"), std::string::npos) << err;
}

} // namespace
