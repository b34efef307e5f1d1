/**
 * @file infer_report.c
 * Text report of an inference run (see infer_report.h).
 */
#include "infer_report.h"

#include <inttypes.h>
#include <stdbool.h>

/** Fashion-MNIST class names, by label. */
static const char *const kClassNames[MX_CNN_CLASSES] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot",
};

static void print_config(FILE *out, const infer_opts_t *o)
{
    const mx_cnn_config *c = &o->cfg;
    fprintf(out,
            "config profile=%s w_elem_format=%s a_elem_format=%s elem=%s round=%s "
            "block_size=%d scale_bits=%d\n",
            mx_profile_name(c->profile), infer_format_label(c->w_mx, &c->w_fmt),
            infer_format_label(c->a_mx, &c->a_fmt), infer_format_label(c->elem, &c->elem_fmt),
            mx_round_name(c->round), c->block_size, c->scale_bits);
}

static void print_confusion(FILE *out, const infer_tally_t *t)
{
    // The NaN column appears only when there is something to put in it.
    int columns = t->nan_rows > 0 ? MX_CNN_CLASSES + 1 : MX_CNN_CLASSES;
    fprintf(out, "confusion matrix (rows: true class, columns: predicted class)\n");
    fprintf(out, "%-12s", "");
    for (int p = 0; p < MX_CNN_CLASSES; ++p) {
        fprintf(out, " %5d", p);
    }
    if (columns > MX_CNN_CLASSES) {
        fprintf(out, " %5s", "NaN");
    }
    fputc('\n', out);
    for (int label = 0; label < MX_CNN_CLASSES; ++label) {
        fprintf(out, "%-12s", kClassNames[label]);
        for (int p = 0; p < columns; ++p) {
            fprintf(out, " %5" PRIu64, t->confusion[label][p]);
        }
        fputc('\n', out);
    }
}

static void print_stats(FILE *out, const mx_cnn_stats *stats)
{
    bool any = false;
    for (int q = 0; q < MX_QP_COUNT; ++q) {
        any = any || stats->point[q].values > 0;
    }
    if (!any) {
        fprintf(out, "quantization statistics: no quantization point is active\n");
        return;
    }
    fprintf(out, "quantization statistics\n");
    fprintf(out, "%-18s %14s %12s %12s %12s %12s\n", "point", "values", "saturated", "overflowed",
            "flushed", "nan");
    for (int q = 0; q < MX_QP_COUNT; ++q) {
        const mx_qstats *s = &stats->point[q];
        if (s->values == 0) {
            continue;
        }
        fprintf(out,
                "%-18s %14" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %12" PRIu64 "\n",
                mx_qpoint_name((mx_qpoint)q), s->values, s->saturated, s->overflowed, s->flushed,
                s->nan);
    }
}

void infer_report_print(FILE *out, const infer_opts_t *o, const infer_tally_t *t,
                        const mx_cnn_stats *stats, double seconds)
{
    if (!o->quiet) {
        print_config(out, o);
    }
    fprintf(out, "accuracy %.2f%% (%zu/%zu)\n", infer_tally_accuracy(t), t->correct, t->images);
    if (o->quiet) {
        return;
    }
    fprintf(out, "loss %.6f (mean negative log-likelihood)\n", t->loss);
    if (t->nan_rows > 0) {
        fprintf(out, "%zu rows contained NaN and count as wrong\n", t->nan_rows);
    }
    print_confusion(out, t);
    if (stats != NULL) {
        print_stats(out, stats);
    }
    double rate = seconds > 0.0 ? (double)t->images / seconds : 0.0;
    fprintf(out, "throughput %.1f images/s, %.3f s wall, %d threads\n", rate, seconds, o->threads);
}
