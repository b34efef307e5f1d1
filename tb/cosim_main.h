// What every co-simulation top shares: its command line
// (<waveform.fst> [count] [seed]) and the traced run with its waveform kept
// only on a mismatch.
#ifndef MXACCEL_TB_COSIM_MAIN_H
#define MXACCEL_TB_COSIM_MAIN_H

#include <systemc.h>
#include <verilated.h>
#include <verilated_fst_sc.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

struct CosimArgs {
    std::string wave;       // FST file written on a mismatch
    uint64_t count = 20000; // random transactions (blocks for the SEU)
    uint64_t seed = 1;
};

// Parses "<prog> <waveform.fst> [count] [seed]"; on bad input prints one
// line naming the problem and returns false.
inline bool cosim_parse_args(int argc, char **argv, const char *prog, const char *count_name,
                             CosimArgs *args)
{
    if (argc < 2 || argc > 4) {
        std::fprintf(stderr, "usage: %s <waveform.fst> [%s] [seed]\n", prog, count_name);
        return false;
    }
    args->wave = argv[1];
    const auto number = [&](const char *text, const char *what, uint64_t *out) {
        char *end = nullptr;
        errno = 0;
        const unsigned long long v = std::strtoull(text, &end, 10);
        if (errno != 0 || *text < '0' || *text > '9' || *end != '\0') {
            std::fprintf(stderr, "%s: %s must be a non-negative integer, got '%s'\n", prog, what, text);
            return false;
        }
        *out = v;
        return true;
    };
    return (argc < 3 || number(argv[2], count_name, &args->count)) &&
           (argc < 4 || number(argv[3], "seed", &args->seed));
}

// Runs the elaborated design until the checker calls sc_stop(), tracing the
// Verilated RTL into the FST file. A failed run keeps the waveform (and
// says where it is); a clean one deletes it. Returns the exit status.
template <class V> int cosim_run_traced(V &rtl, const std::string &wave, const bool &failed, const char *unit)
{
    sc_start(SC_ZERO_TIME);
    auto tfp = std::make_unique<VerilatedFstSc>();
    rtl.trace(tfp.get(), 99);
    tfp->open(wave.c_str());
    sc_start();
    tfp->close();
    rtl.final();
    if (failed) {
        std::printf("%s co-simulation: waveform written to %s\n", unit, wave.c_str());
        return 1;
    }
    std::remove(wave.c_str());
    return 0;
}

#endif
