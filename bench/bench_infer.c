/* Benchmark (not a test): full 10k-image Fashion-MNIST inference of the seed
 * CNN, fp8_e4m3 matmuls / fp8 elementwise, in each profile, with 2 threads
 * by default. Prints wall seconds (best of --runs) against the targets:
 * torch-cpu <= 2.0 s, cuda-kernel and hw <= 3.0 s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mxaccel/cnn.h"
#include "mxaccel/io.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int threads = 2, runs = 2;
    const char *weights = MXACCEL_DEFAULT_WEIGHTS;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--weights") == 0 && i + 1 < argc) {
            weights = argv[++i];
        } else {
            fprintf(stderr, "usage: bench_infer [--threads T] [--runs R] [--weights FILE]\n");
            return 2;
        }
    }
    if (threads < 1 || runs < 1) {
        fprintf(stderr, "bench_infer: --threads and --runs must be at least 1\n");
        return 2;
    }
    char err[512];
    mx_cnn_weights w;
    mx_dataset ds;
    if (mx_cnn_weights_load(weights, &w, err, sizeof err) != 0 ||
        mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &ds, err, sizeof err) != 0) {
        fprintf(stderr, "bench_infer: %s\n", err);
        return 1;
    }
    float *lp = malloc(sizeof(float) * (size_t)ds.count * MX_CNN_CLASSES);
    if (!lp) {
        return 1;
    }
    printf("bench_infer: %d images, fp8_e4m3 / fp8, %d threads, best of %d runs\n", ds.count,
           threads, runs);
    const double target[MX_PROFILE_COUNT] = {2.0, 3.0, 3.0};
    for (int p = 0; p < MX_PROFILE_COUNT; p++) {
        mx_cnn_config cfg;
        mx_cnn_config_default(&cfg);
        cfg.profile = (mx_profile)p;
        mx_format_from_name("fp8_e4m3", &cfg.w_fmt, NULL, 0);
        cfg.a_fmt = cfg.w_fmt;
        cfg.w_mx = cfg.a_mx = true;
        mx_format_fp(8, &cfg.elem_fmt);
        cfg.elem = true;
        mx_cnn *net = mx_cnn_create(&w, &cfg, err, sizeof err);
        if (!net) {
            fprintf(stderr, "bench_infer: %s\n", err);
            return 1;
        }
        double best = 1e30;
        for (int r = 0; r < runs; r++) {
            const double t0 = now();
            mx_cnn_infer(net, ds.images, (size_t)ds.count, threads, lp, NULL, NULL, NULL);
            const double t = now() - t0;
            best = t < best ? t : best;
        }
        int correct = 0;
        for (int i = 0; i < ds.count; i++) {
            correct += mx_cnn_argmax(lp + (size_t)i * MX_CNN_CLASSES) == ds.labels[i];
        }
        printf("  %-12s %6.2f s  (%7.0f images/s)  accuracy %.2f%%  target %.1f s  %s\n",
               mx_profile_name((mx_profile)p), best, ds.count / best,
               100.0 * correct / ds.count, target[p], best <= target[p] ? "PASS" : "BELOW");
        mx_cnn_destroy(net);
    }
    free(lp);
    mx_cnn_weights_free(&w);
    mx_dataset_free(&ds);
    return 0;
}
