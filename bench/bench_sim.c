/* Benchmark (not a test): the 10k Fashion-MNIST test images through the
 * cycle-level accelerator model (`mxaccel sim`'s run, cli/sim_run.c) in the
 * default configuration: fp8_e4m3 matmuls, fp8 elementwise, the default
 * weights and hardware, 2 threads. Prints images/s (best of --runs) against
 * the target of 100 images/s (10k images in at most 100 s). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compile.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "sim_run.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int threads = 2, runs = 1, limit = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            limit = atoi(argv[++i]);
        } else {
            fprintf(stderr, "usage: bench_sim [--threads T] [--runs R] [--limit N]\n");
            return 2;
        }
    }
    if (threads < 1 || runs < 1 || limit < 0) {
        fprintf(stderr, "bench_sim: --threads and --runs must be at least 1, --limit >= 0\n");
        return 2;
    }
    char err[512];
    mx_cnn_weights w;
    mx_dataset ds;
    if (mx_cnn_weights_load(MXACCEL_DEFAULT_WEIGHTS, &w, err, sizeof err) != 0 ||
        mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &ds, err, sizeof err) != 0) {
        fprintf(stderr, "bench_sim: %s\n", err);
        return 1;
    }
    const size_t n = limit > 0 && (size_t)limit < (size_t)ds.count ? (size_t)limit : (size_t)ds.count;
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = MX_PROFILE_HW;
    cfg.a_mx = cfg.w_mx = mx_format_from_name("fp8_e4m3", &cfg.w_fmt, NULL, 0) == 0;
    cfg.a_fmt = cfg.w_fmt;
    cfg.elem = mx_format_fp(8, &cfg.elem_fmt) == 0;
    accel_params hw;
    accel_params_default(&hw);
    accel_program p;
    const double t0 = now();
    if (accel_compile(&w, &cfg, &hw, 1, &p, err, sizeof err) != 0) {
        fprintf(stderr, "bench_sim: %s\n", err);
        return 1;
    }
    const double compile_s = now() - t0;
    printf("bench_sim: %zu images, fp8_e4m3 / fp8, 8x8 PEs, %d threads, best of %d runs "
           "(compile %.2f s)\n", n, threads, runs, compile_s);
    double best = 0.0;
    uint64_t cycles = 0;
    for (int r = 0; r < runs; r++) {
        sim_result_t res;
        const double t = now();
        if (sim_run(&p, NULL, ds.images, n, threads, NULL, NULL, &res, err, sizeof err) != 0) {
            fprintf(stderr, "bench_sim: %s\n", err);
            return 1;
        }
        const double s = now() - t;
        cycles = res.total.cycles;
        sim_result_free(&res);
        best = r == 0 || s < best ? s : best;
    }
    const double rate = (double)n / best;
    printf("bench_sim: %.1f s, %.1f images/s (%.0f cycles per image simulated, %.2f M cycles/s)"
           " target >= 100 images/s: %s\n",
           best, rate, (double)cycles / (double)n, (double)cycles / best / 1e6,
           rate >= 100.0 ? "PASS" : "BELOW");
    accel_program_free(&p);
    mx_cnn_weights_free(&w);
    mx_dataset_free(&ds);
    return 0;
}
