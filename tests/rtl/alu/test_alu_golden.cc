// The golden hw ALU operations (include/mxaccel/hw_alu.h) against the
// independent reference of alu_ref.h, on codes: every pair of fp8 codes,
// every code of every format for the one-operand operations, QUANT around
// every value of E, random pairs for the wider formats, and the proof that
// the exp / log tables are correctly rounded.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "alu_ref.h"
#include "mxaccel/hw_alu.h"

namespace {

const char *const kFormats[] = {"fp8", "fp10", "fp12", "fp16", "bfloat16"};

mx_format golden_format(const std::string &name)
{
    mx_format f;
    if (mx_format_from_name(name.c_str(), &f, nullptr, 0) != 0) {
        throw std::runtime_error("unknown format " + name);
    }
    return f;
}

float f32(uint32_t u)
{
    float f;
    std::memcpy(&f, &u, sizeof f);
    return f;
}

uint32_t u32(float f)
{
    uint32_t u;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

const char *op_name(mx_alu_op op)
{
    static const char *const n[] = {"QUANT", "ADD", "SUB", "MUL", "DIV", "MAX",
                                    "RELU",  "EXP", "LOG", "RMAX", "RSUM"};
    return n[op];
}

// Golden vs reference on codes; counts mismatches and reports the first few.
class Checker {
public:
    explicit Checker(const std::string &name) : ref(name), fmt(golden_format(name)) {}

    double expected(mx_alu_op op, uint32_t a, uint32_t b) const
    {
        const double x = op == MX_ALU_QUANT ? 0.0 : ref.decode(a), y = ref.decode(b);
        switch (op) {
        case MX_ALU_QUANT:
            return ref.quant(f32(a));
        case MX_ALU_ADD:
            return ref.add(x, y);
        case MX_ALU_SUB:
            return ref.sub(x, y);
        case MX_ALU_MUL:
            return ref.mul(x, y);
        case MX_ALU_DIV:
            return ref.div(x, y);
        case MX_ALU_MAX:
            return ref.max(x, y);
        case MX_ALU_RELU:
            return ref.relu(x);
        case MX_ALU_EXP:
            return ref.exp(x).value;
        case MX_ALU_LOG:
            return ref.log(x).value;
        default:
            return std::nan("");
        }
    }

    // MX_ALU_OVERFLOW: a finite exact result became +-Inf; MX_ALU_FLUSHED: a
    // non-zero exact result became zero (r is the reference result).
    unsigned expected_flags(mx_alu_op op, uint32_t a, uint32_t b, double r) const
    {
        const double x = op == MX_ALU_QUANT ? f32(a) : ref.decode(a), y = ref.decode(b);
        bool finite = std::isfinite(x) && (std::isfinite(y) || op == MX_ALU_QUANT ||
                                           op == MX_ALU_EXP || op == MX_ALU_LOG);
        bool exact_zero = false;
        switch (op) {
        case MX_ALU_QUANT:
            exact_zero = x == 0;
            break;
        case MX_ALU_ADD:
            exact_zero = x == -y;
            break;
        case MX_ALU_SUB:
            exact_zero = x == y;
            break;
        case MX_ALU_MUL:
            exact_zero = x == 0 || y == 0;
            break;
        case MX_ALU_DIV:
            finite = finite && y != 0;
            exact_zero = x == 0;
            break;
        case MX_ALU_LOG:
            finite = finite && x > 0;
            exact_zero = x == 1;
            break;
        case MX_ALU_EXP:
            break;
        default:
            return 0; // MAX, RELU: no rounding
        }
        unsigned f = 0;
        if (finite && std::isinf(r)) {
            f |= MX_ALU_OVERFLOW;
        }
        if (finite && !exact_zero && r == 0) {
            f |= MX_ALU_FLUSHED;
        }
        return f;
    }

    void check(mx_alu_op op, uint32_t a, uint32_t b)
    {
        const double r = expected(op, a, b);
        const uint32_t want = ref.encode(r);
        const uint32_t got = mx_hw_alu_eval_code(&fmt, op, a, b);
        unsigned flags = 0;
        mx_hw_alu_eval(&fmt, op, op == MX_ALU_QUANT ? f32(a) : mx_hw_alu_decode(&fmt, a),
                       mx_hw_alu_decode(&fmt, b), &flags);
        const unsigned want_flags = expected_flags(op, a, b, r);
        cases++;
        if ((got != want || flags != want_flags) && bad++ < 5) {
            ADD_FAILURE() << ref.spec().name << " " << op_name(op) << "(0x" << std::hex << a
                          << ", 0x" << b << "): golden 0x" << got << " flags " << flags
                          << ", reference 0x" << want << " flags " << want_flags;
        }
    }

    aluref::Ref ref;
    mx_format fmt;
    size_t cases = 0, bad = 0;
};

const mx_alu_op kBinary[] = {MX_ALU_ADD, MX_ALU_SUB, MX_ALU_MUL, MX_ALU_DIV, MX_ALU_MAX};
const mx_alu_op kUnary[] = {MX_ALU_RELU, MX_ALU_EXP, MX_ALU_LOG};

TEST(AluGolden, Fp8EveryPairEveryBinaryOp)
{
    Checker c("fp8");
    for (mx_alu_op op : kBinary) {
        for (uint32_t a = 0; a < 256; a++) {
            for (uint32_t b = 0; b < 256; b++) {
                c.check(op, a, b);
            }
        }
    }
    EXPECT_EQ(c.bad, 0u);
    std::printf("fp8: %zu binary operations (all pairs x ADD SUB MUL DIV MAX)\n", c.cases);
}

class AluGoldenFormat : public ::testing::TestWithParam<const char *> {};

TEST_P(AluGoldenFormat, EveryCodeOneOperandOps)
{
    Checker c(GetParam());
    const uint32_t n = 1u << c.ref.width();
    for (mx_alu_op op : kUnary) {
        for (uint32_t a = 0; a < n; a++) {
            c.check(op, a, 0);
        }
    }
    // QUANT of every value of E gives it back (NaN: the canonical code)
    for (uint32_t a = 0; a < n; a++) {
        c.check(MX_ALU_QUANT, u32(static_cast<float>(c.ref.decode(a))), 0);
    }
    EXPECT_EQ(c.bad, 0u);
    std::printf("%s: %zu one-operand operations (every code x RELU EXP LOG QUANT)\n", GetParam(),
                c.cases);
}

// fp32 inputs around every value of E: the value, its fp32 neighbours, the
// midpoints to the next value and their neighbours, plus random patterns.
TEST_P(AluGoldenFormat, QuantAroundEveryValue)
{
    Checker c(GetParam());
    const uint32_t n = 1u << (c.ref.width() - 1);
    for (uint32_t code = 0; code < n; code++) {
        const double v = c.ref.decode(code), next = c.ref.decode(code + 1);
        if (std::isnan(v)) {
            continue;
        }
        std::vector<float> xs;
        const float fv = static_cast<float>(v);
        xs.push_back(fv);
        if (!std::isinf(v) && !std::isnan(next)) {
            const double top = std::isinf(next) ? std::ldexp(1.0, c.ref.spec().emax + 1) : next;
            const float mid = static_cast<float>((v + top) / 2); // exact in fp32
            xs.push_back(mid);
            for (float m : {mid, fv}) {
                float up = m, down = m;
                for (int k = 0; k < 2; k++) {
                    up = std::nextafter(up, INFINITY);
                    down = std::nextafter(down, -INFINITY);
                    xs.push_back(up);
                    xs.push_back(down);
                }
            }
        }
        for (float x : xs) {
            c.check(MX_ALU_QUANT, u32(x), 0);
            c.check(MX_ALU_QUANT, u32(-x), 0);
        }
    }
    std::mt19937 rng(5);
    for (int i = 0; i < 200000; i++) {
        c.check(MX_ALU_QUANT, rng(), 0);
    }
    EXPECT_EQ(c.bad, 0u);
    std::printf("%s: %zu QUANT inputs\n", GetParam(), c.cases);
}

// Special and extreme codes against each other for every binary operation.
TEST_P(AluGoldenFormat, DirectedCorners)
{
    Checker c(GetParam());
    const auto &s = c.ref.spec();
    const uint32_t sign = 1u << (s.storage_bits - 1), exp_all = ((1u << s.ebits) - 1u) << s.p;
    const uint32_t one = static_cast<uint32_t>(s.bias) << s.p;
    std::vector<uint32_t> mags = {0,                    // zero
                                  1,                    // smallest subnormal
                                  (1u << s.p) - 1,      // largest subnormal
                                  1u << s.p,            // smallest normal
                                  one, one + 1, one - 1, // around 1
                                  exp_all - 1,          // largest finite
                                  exp_all - (1u << s.p), // smallest of the top binade
                                  exp_all,              // Inf
                                  exp_all | 1,          // a NaN with a small payload
                                  c.ref.nan_code()};
    std::vector<uint32_t> codes;
    for (uint32_t m : mags) {
        codes.push_back(m);
        codes.push_back(m | sign);
    }
    for (mx_alu_op op : kBinary) {
        for (uint32_t a : codes) {
            for (uint32_t b : codes) {
                c.check(op, a, b);
            }
        }
    }
    EXPECT_EQ(c.bad, 0u);
    std::printf("%s: %zu corner operations\n", GetParam(), c.cases);
}

void random_pairs(const char *name, size_t per_op, uint64_t seed)
{
    Checker c(name);
    std::mt19937_64 rng(seed);
    const uint32_t mask = (1u << c.ref.width()) - 1u;
    for (mx_alu_op op : kBinary) {
        for (size_t i = 0; i < per_op; i++) {
            uint32_t a = static_cast<uint32_t>(rng()) & mask, b = static_cast<uint32_t>(rng()) & mask;
            if (i % 4 == 0) {
                // operands of similar magnitude: cancellation, ties
                b = (a & ~0xfu) | (b & 0xfu);
            }
            c.check(op, a, b);
        }
    }
    EXPECT_EQ(c.bad, 0u);
    std::printf("%s: %zu random binary operations\n", name, c.cases);
}

// ADD SUB MUL DIV on fp32 operands that are not values of E: the golden
// functions take any fp32 exactly (the sticky bits of their alignment and
// division matter only here).
TEST_P(AluGoldenFormat, Fp32Operands)
{
    Checker c(GetParam());
    std::mt19937_64 rng(29);
    const mx_alu_op ops[] = {MX_ALU_ADD, MX_ALU_SUB, MX_ALU_MUL, MX_ALU_DIV};
    size_t cases = 0, bad = 0;
    for (int i = 0; i < 40000; i++) {
        // exponents near each other or far apart, some operands on E's grid
        const uint32_t ea = 64 + static_cast<uint32_t>(rng() % 128);
        const uint32_t eb = i % 2 ? ea - static_cast<uint32_t>(rng() % 48) : 64 + rng() % 128;
        uint32_t a = (static_cast<uint32_t>(rng()) & 0x807fffffu) | ea << 23;
        uint32_t b = (static_cast<uint32_t>(rng()) & 0x807fffffu) | eb << 23;
        if (i % 3 == 0) {
            a &= 0xffff0000u; // short significand: sums land on midpoints
        }
        const float x = f32(a), y = f32(b);
        for (mx_alu_op op : ops) {
            const double want = op == MX_ALU_ADD   ? c.ref.add(x, y)
                                : op == MX_ALU_SUB ? c.ref.sub(x, y)
                                : op == MX_ALU_MUL ? c.ref.mul(x, y)
                                                   : c.ref.div(x, y);
            const float got = mx_hw_alu_eval(&c.fmt, op, x, y, nullptr);
            cases++;
            if (!aluref::same_value(want, got) && bad++ < 5) {
                ADD_FAILURE() << op_name(op) << "(" << x << ", " << y << "): golden " << got
                              << ", reference " << want;
            }
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("%s: %zu operations on fp32 operands\n", GetParam(), cases);
}

TEST_P(AluGoldenFormat, RandomPairs) { random_pairs(GetParam(), 20000, 17); }
TEST_P(AluGoldenFormat, RandomPairsLong) { random_pairs(GetParam(), 1000000, 18); }

// RMAX and RSUM over random rows (softmax-sized and longer), NaN, Inf and
// signed zeros included.
TEST_P(AluGoldenFormat, RunningReductions)
{
    Checker c(GetParam());
    std::mt19937_64 rng(23);
    const uint32_t mask = (1u << c.ref.width()) - 1u;
    size_t rows = 0, bad = 0;
    for (int r = 0; r < 20000; r++) {
        const size_t n = 1 + rng() % (r % 2 ? 10 : 100);
        std::vector<float> x(n);
        for (float &v : x) {
            uint32_t code = static_cast<uint32_t>(rng()) & mask;
            if (r % 3 == 0) {
                code &= ~(1u << (c.ref.width() - 2)); // no top exponent bit: finite, moderate
            }
            v = static_cast<float>(c.ref.decode(code));
        }
        double m = x[0];
        for (size_t i = 1; i < n; i++) {
            m = c.ref.max(m, x[i]);
        }
        if (std::isnan(x[0])) {
            m = std::nan("");
        }
        const double s = c.ref.running_sum(x);
        const float gm = mx_hw_alu_running_max(x.data(), n);
        const float gs = mx_hw_alu_running_sum(&c.fmt, x.data(), n, nullptr);
        rows++;
        if ((!aluref::same_value(m, gm) || !aluref::same_value(s, gs)) && bad++ < 5) {
            ADD_FAILURE() << "row " << r << ": max " << gm << " (reference " << m << "), sum "
                          << gs << " (reference " << s << ")";
        }
        if (std::isnan(gm) && u32(gm) != 0x7fc00000u) {
            ADD_FAILURE() << "non-canonical NaN";
        }
    }
    EXPECT_EQ(bad, 0u);
    std::printf("%s: %zu rows through RMAX and RSUM\n", GetParam(), rows);
}

class AluGoldenTables : public ::testing::TestWithParam<const char *> {};

// The proof behind golden/hw_alu_exp.c and hw_alu_log.c, for every ALU
// format (mx_hw_alu_format_ok): for every code, the
// exact exp / log (quad precision, error far below 2^-100) lies further than
// 2^-56 (relative) from every rounding boundary of E. glibc's expl and logl
// are within a few ulps of the 64-bit significand (2^-63 each), so rounding
// their value once gives the correctly rounded result.
TEST_P(AluGoldenTables, ExpLogCorrectlyRounded)
{
    Checker c(GetParam());
    const uint32_t n = 1u << c.ref.width();
    const double bound = std::ldexp(1.0, -56);
    double worst[2] = {INFINITY, INFINITY};
    for (uint32_t a = 0; a < n; a++) {
        const double x = c.ref.decode(a);
        const aluref::Rounded r[2] = {c.ref.exp(x), c.ref.log(x)};
        for (int f = 0; f < 2; f++) {
            EXPECT_GT(r[f].margin, bound) << (f ? "log" : "exp") << " of code 0x" << std::hex << a;
            worst[f] = std::min(worst[f], r[f].margin);
        }
        c.check(MX_ALU_EXP, a, 0); // and the golden value is that rounding
        c.check(MX_ALU_LOG, a, 0);
    }
    EXPECT_EQ(c.bad, 0u);
    std::printf("%s: %u codes; smallest distance to a rounding boundary: exp 2^%.1f, log 2^%.1f "
                "(bound 2^-56)\n",
                GetParam(), n, std::log2(worst[0]), std::log2(worst[1]));
}

const char *const kAluFormats[] = {"fp7",      "fp8",      "fp9",      "fp10",     "fp11",     "fp12",
                                   "fp13",     "fp14",     "fp15",     "fp16",     "bfloat10", "bfloat11",
                                   "bfloat12", "bfloat13", "bfloat14", "bfloat15", "bfloat16"};

TEST(AluGolden, AluFormatsAreTheProvenOnes)
{
    // every format the golden library accepts is in kAluFormats
    size_t accepted = 0;
    for (int n = 2; n <= 32; n++) {
        mx_format f;
        for (int bf = 0; bf < 2; bf++) {
            if ((bf ? mx_format_bfloat(n, &f) : mx_format_fp(n, &f)) == 0 && mx_hw_alu_format_ok(&f)) {
                accepted++;
                EXPECT_NE(std::find_if(std::begin(kAluFormats), std::end(kAluFormats),
                                       [&](const char *s) { return std::string(s) == f.name; }),
                          std::end(kAluFormats))
                    << f.name;
            }
        }
    }
    EXPECT_EQ(accepted, std::size(kAluFormats));
}

INSTANTIATE_TEST_SUITE_P(AluFormats, AluGoldenTables, ::testing::ValuesIn(kAluFormats),
                         [](const ::testing::TestParamInfo<const char *> &i) {
                             return std::string(i.param);
                         });

INSTANTIATE_TEST_SUITE_P(Formats, AluGoldenFormat, ::testing::ValuesIn(kFormats),
                         [](const ::testing::TestParamInfo<const char *> &i) {
                             return std::string(i.param);
                         });

} // namespace
