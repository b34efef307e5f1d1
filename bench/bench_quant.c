/**
 * @file bench_quant.c
 * Single-thread quantization throughput: MX fp8_e4m3 blocks of 32 and
 * elementwise fp8, in each profile, against the throughput targets.
 *
 *   bench_quant [--quick] [--isa generic|avx2|avx512] [--n N]
 *
 * Prints M values/s (best of 3 runs; --quick: 4 Mi values, 1 run). Always
 * exits 0 after a run: speed is reported, not enforced.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mxaccel/format.h"
#include "mxaccel/isa.h"
#include "mxaccel/quantize.h"

#define DEFAULT_N ((size_t)64 << 20)
#define QUICK_N ((size_t)4 << 20)

typedef struct options {
    size_t n;
    int runs;
    const char *isa;
} options;

static void usage(FILE *out)
{
    fprintf(out, "usage: bench_quant [--quick] [--isa generic|avx2|avx512] [--n N]\n"
                 "  --quick  4 Mi values, one run (default: 64 Mi values, best of 3)\n"
                 "  --isa    force a kernel variant (default: the best the CPU runs)\n"
                 "  --n N    number of fp32 values\n");
}

/* Returns 0, 1 (help printed) or -1 (bad option). */
static int parse(int argc, char **argv, options *o)
{
    int n_given = 0;
    o->n = DEFAULT_N;
    o->runs = 3;
    o->isa = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            if (!n_given) {
                o->n = QUICK_N;
            }
            o->runs = 1;
        } else if (strcmp(argv[i], "--isa") == 0 && i + 1 < argc) {
            o->isa = argv[++i];
        } else if (strcmp(argv[i], "--n") == 0 && i + 1 < argc) {
            char *end;
            const unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end != '\0' || v == 0) {
                fprintf(stderr, "bench_quant: bad --n '%s'\n", argv[i]);
                return -1;
            }
            o->n = (size_t)v;
            n_given = 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 1;
        } else {
            fprintf(stderr, "bench_quant: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double unit(uint64_t *s) { return ((double)(splitmix64(s) >> 11) + 0.5) * 0x1p-53; }

/* Standard normal values (Box-Muller), fixed seed: every run sees the same data. */
static void fill_gaussian(float *x, size_t n)
{
    uint64_t s = 20240601u;
    for (size_t i = 0; i < n; i += 2) {
        const double r = sqrt(-2.0 * log(unit(&s)));
        const double t = 6.283185307179586 * unit(&s);
        x[i] = (float)(r * cos(t));
        if (i + 1 < n) {
            x[i + 1] = (float)(r * sin(t));
        }
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct job {
    const mx_block_spec *mx;   /* MX along the one axis, or */
    const mx_elem_spec *elem;  /* elementwise */
    const float *in;
    float *out;
    uint8_t *scales;
    size_t n;
} job;

static void run_job(const job *j)
{
    if (j->mx) {
        mx_quantize_axis(j->mx, j->in, j->out, 1, j->n, 1, j->scales);
    } else {
        mx_quantize_elemwise(j->elem, j->in, j->out, j->n);
    }
}

/* Best throughput over the runs, in M values/s. */
static double best_rate(const job *j, int runs)
{
    double best = 0;
    for (int r = 0; r < runs; r++) {
        const double t0 = now_seconds();
        run_job(j);
        const double dt = now_seconds() - t0;
        const double rate = (double)j->n / dt / 1e6;
        if (rate > best) {
            best = rate;
        }
    }
    return best;
}

static void report(const char *what, mx_profile p, double rate, double target)
{
    printf("  %-26s %-12s %9.1f M values/s   target %5.0f  %s\n", what, mx_profile_name(p), rate, target,
           rate >= target ? "PASS" : "BELOW");
}

int main(int argc, char **argv)
{
    options o;
    const int rc = parse(argc, argv, &o);
    if (rc != 0) {
        return rc > 0 ? 0 : 2;
    }
    if (o.isa) {
        mx_isa isa;
        if (mx_isa_from_name(o.isa, &isa) != 0) {
            fprintf(stderr, "bench_quant: unknown ISA '%s'\n", o.isa);
            return 2;
        }
        if (mx_isa_force(isa) != 0) {
            fprintf(stderr, "bench_quant: this CPU cannot run the %s kernels\n", o.isa);
            return 2;
        }
    }

    mx_format e4m3, fp8;
    if (mx_format_from_name("fp8_e4m3", &e4m3, NULL, 0) != 0 || mx_format_fp(8, &fp8) != 0) {
        fprintf(stderr, "bench_quant: formats missing from the library\n");
        return 2;
    }
    float *in = malloc(o.n * sizeof *in);
    float *out = malloc(o.n * sizeof *out);
    uint8_t *scales = malloc(mx_blocks_along(o.n, 32));
    if (!in || !out || !scales) {
        fprintf(stderr, "bench_quant: out of memory for %zu values\n", o.n);
        return 2;
    }
    fill_gaussian(in, o.n);

    printf("bench_quant: %zu fp32 values (Gaussian), 1 thread, best of %d run%s, ISA %s\n", o.n, o.runs,
           o.runs == 1 ? "" : "s", mx_isa_name(mx_isa_active()));

    /* Throughput targets, M values/s on one core. */
    static const double mx_target[MX_PROFILE_COUNT] = {[MX_PROFILE_TORCH_CPU] = 100, [MX_PROFILE_CUDA_KERNEL] = 200,
                                                       [MX_PROFILE_HW] = 200};
    const double elem_target = 300;

    for (int p = 0; p < MX_PROFILE_COUNT; p++) {
        const mx_block_spec spec = {(mx_profile)p, e4m3, MX_ROUND_NEAREST, 32, 8};
        const job j = {&spec, NULL, in, out, scales, o.n};
        report("MX fp8_e4m3, block 32", (mx_profile)p, best_rate(&j, o.runs), mx_target[p]);
    }
    for (int p = 0; p < MX_PROFILE_COUNT; p++) {
        const mx_elem_spec spec = {(mx_profile)p, fp8, MX_ROUND_NEAREST, false, true, false};
        const job j = {NULL, &spec, in, out, NULL, o.n};
        report("elementwise fp8, nearest", (mx_profile)p, best_rate(&j, o.runs), elem_target);
    }

    free(in);
    free(out);
    free(scales);
    return 0;
}
