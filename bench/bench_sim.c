/* Benchmark (not a test): the Fashion-MNIST test images through `mxaccel
 * sim`'s run (cli/sim_run.c) in the default configuration: fp8_e4m3
 * matmuls, fp8 elementwise, the default weights and hardware, 2 threads.
 * --engine model (default): the cycle-level C model on the 10k images,
 * against the target of 100 images/s (10k in at most 100 s). --engine rtl:
 * the prebuilt Verilated top of the default configuration
 * (docs/accelerator-rtl.md) on 200 images (--limit), against 3 images/s
 * (10k in under an hour). Prints images/s and simulated cycles/s, best of
 * --runs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compile.h"
#include "mxaccel/cnn.h"
#include "mxaccel/io.h"
#include "rtl_config.h"
#include "sim_rtl_lib.h"
#include "sim_run.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int threads = 2, runs = 1, limit = -1;
    const char *engine = "model";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--engine") == 0 && i + 1 < argc) {
            engine = argv[++i];
        } else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) {
            limit = atoi(argv[++i]);
        } else {
            fprintf(stderr, "usage: bench_sim [--engine model|rtl] [--threads T] [--runs R] "
                            "[--limit N]\n");
            return 2;
        }
    }
    const bool rtl = strcmp(engine, "rtl") == 0;
    if (!rtl && strcmp(engine, "model") != 0) {
        fprintf(stderr, "bench_sim: unknown engine '%s' (valid: model, rtl)\n", engine);
        return 2;
    }
    if (threads < 1 || runs < 1 || limit < -1) {
        fprintf(stderr, "bench_sim: --threads and --runs must be at least 1, --limit >= 0\n");
        return 2;
    }
    if (limit < 0) {
        limit = rtl ? 200 : 0; /* 0: all */
    }
    const double target = rtl ? 3.0 : 100.0;
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
    sim_rtl_lib_t lib = {0};
    if (rtl) {
        char key[1024];
        if (MXACCEL_RTL_PREBUILT_DIR[0] == '\0') {
            fprintf(stderr, "bench_sim: built without the RTL part (MXACCEL_RTL=OFF)\n");
            return 1;
        }
        if (accel_rtl_config_key(&p, key, sizeof key) != 0 ||
            sim_rtl_lib_open(&lib, MXACCEL_RTL_PREBUILT_DIR "/libmx_accel_rtl.so", key, err,
                             sizeof err) != 0) {
            fprintf(stderr, "bench_sim: %s\n", err);
            return 1;
        }
    }
    printf("bench_sim: engine %s, %zu images, fp8_e4m3 / fp8, 8x8 PEs, %d threads, best of %d "
           "runs (compile %.2f s)\n", engine, n, threads, runs, compile_s);
    double best = 0.0;
    uint64_t cycles = 0;
    for (int r = 0; r < runs; r++) {
        sim_result_t res;
        const double t = now();
        if (sim_run(&p, NULL, lib.api, ds.images, n, threads, NULL, NULL, &res, err,
                    sizeof err) != 0) {
            fprintf(stderr, "bench_sim: %s\n", err);
            return 1;
        }
        const double s = now() - t;
        cycles = res.total.cycles;
        sim_result_free(&res);
        best = r == 0 || s < best ? s : best;
    }
    const double rate = (double)n / best;
    printf("bench_sim: %.1f s, %.2f images/s (%.0f cycles per image simulated, %.3f M cycles/s;"
           " 10k images in %.0f s) target >= %g images/s: %s\n",
           best, rate, (double)cycles / (double)n, (double)cycles / best / 1e6, 10000.0 / rate,
           target, rate >= target ? "PASS" : "BELOW");
    sim_rtl_lib_close(&lib);
    accel_program_free(&p);
    mx_cnn_weights_free(&w);
    mx_dataset_free(&ds);
    return 0;
}
