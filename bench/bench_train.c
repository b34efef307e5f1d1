/* Benchmark (not a test): training speed of the seed CNN, fp8_e4m3 matmuls /
 * fp8 elementwise, cuda-kernel profile, 2 threads by default. Runs one
 * epoch over the first --batches batches of the training set and prints
 * the seconds per 60k-image epoch extrapolated from it (target: <= 45 s);
 * --epochs E runs E epochs (StepLR 0.7), --eval prints the test accuracy
 * of the trained weights after each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mxaccel/io.h"
#include "mxaccel/train.h"

int main(int argc, char **argv)
{
    int threads = 2, batches = 150, eval = 0, epochs = 1;
    const char *profile = "cuda-kernel", *matmul = "fp8_e4m3", *elem = "fp8";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--batches") == 0 && i + 1 < argc) {
            batches = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--epochs") == 0 && i + 1 < argc) {
            epochs = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--eval") == 0) {
            eval = 1;
        } else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
            profile = argv[++i];
        } else if (strcmp(argv[i], "--matmul") == 0 && i + 1 < argc) {
            matmul = argv[++i];
        } else if (strcmp(argv[i], "--elem") == 0 && i + 1 < argc) {
            elem = argv[++i];
        } else {
            fprintf(stderr, "usage: bench_train [--threads T] [--batches B] [--epochs E] [--eval] "
                            "[--profile P] "
                            "[--matmul FMT|none] [--elem FMT|none]\n");
            return 2;
        }
    }
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    char err[512];
    if (mx_profile_from_name(profile, &cfg.profile) != 0 || threads < 1 || batches < 1 ||
        epochs < 1) {
        fprintf(stderr, "bench_train: bad --profile, --threads, --batches or --epochs\n");
        return 2;
    }
    if (strcmp(matmul, "none") != 0) {
        if (mx_format_from_name(matmul, &cfg.w_fmt, err, sizeof err) != 0) {
            fprintf(stderr, "bench_train: %s\n", err);
            return 2;
        }
        cfg.a_fmt = cfg.w_fmt;
        cfg.w_mx = cfg.a_mx = true;
    }
    if (strcmp(elem, "none") != 0) {
        if (mx_format_from_name(elem, &cfg.elem_fmt, err, sizeof err) != 0) {
            fprintf(stderr, "bench_train: %s\n", err);
            return 2;
        }
        cfg.elem = true;
    }
    mx_dataset ds;
    if (mx_dataset_load(MX_DEFAULT_DATA_DIR, 1, &ds, err, sizeof err) != 0) {
        fprintf(stderr, "bench_train: %s\n", err);
        return 1;
    }
    mx_train_options opt;
    mx_train_options_default(&opt);
    mx_trainer *t = mx_trainer_create(&cfg, &opt, NULL, err, sizeof err);
    if (!t) {
        fprintf(stderr, "bench_train: %s\n", err);
        return 1;
    }
    size_t n = (size_t)batches * (size_t)opt.batch_size;
    n = n < (size_t)ds.count ? n : (size_t)ds.count;
    mx_dataset test;
    const int have_test = eval && mx_dataset_load(MX_DEFAULT_DATA_DIR, 0, &test, err, sizeof err) == 0;
    for (int e = 0; e < epochs; e++) {
        mx_train_epoch_stats st;
        const clock_t cpu0 = clock(); /* process CPU time: all threads */
        const double lr = mx_train_steplr(1.0, 0.7, e);
        if (mx_trainer_run_epoch(t, ds.images, ds.labels, n, lr, threads, &st, err, sizeof err) != 0) {
            fprintf(stderr, "bench_train: %s\n", err);
            return 1;
        }
        const double cpu = (double)(clock() - cpu0) / CLOCKS_PER_SEC;
        const double per_epoch = st.seconds * (double)ds.count / (double)n;
        printf("bench_train: epoch %d, %s / %s, %s, %d threads: %zu images in %.2f s, mean loss "
               "%.4f\n",
               e + 1, matmul, elem, profile, threads, n, st.seconds, st.mean_loss);
        printf("bench_train: %.1f s per %d-image epoch (target <= 45 s); %.1f CPU s per epoch "
               "(on a busy machine wall time exceeds CPU / threads)\n",
               per_epoch, ds.count, cpu * (double)ds.count / (double)n);
        printf("bench_train: %zu batches with a non-finite loss, %zu with a non-finite gradient\n",
               st.nonfinite_loss_batches, st.nonfinite_grad_batches);
        if (have_test) {
            /* accuracy of the trained weights on the 10k test images, same configuration */
            mx_cnn_weights w;
            mx_trainer_weights(t, &w);
            mx_cnn *net = mx_cnn_create(&w, &cfg, err, sizeof err);
            float *lp = malloc(sizeof(float) * (size_t)test.count * MX_CNN_CLASSES);
            if (net && lp) {
                mx_cnn_infer(net, test.images, (size_t)test.count, threads, lp, NULL, NULL, NULL);
                int right = 0;
                for (int i = 0; i < test.count; i++) {
                    right += mx_cnn_argmax(lp + (size_t)i * MX_CNN_CLASSES) == test.labels[i];
                }
                printf("bench_train: test accuracy %.2f%%\n", 100.0 * right / test.count);
            }
            free(lp);
            mx_cnn_destroy(net);
        }
    }
    if (have_test) {
        mx_dataset_free(&test);
    }
    mx_trainer_destroy(t);
    mx_dataset_free(&ds);
    return 0;
}
