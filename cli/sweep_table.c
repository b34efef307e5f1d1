/**
 * @file sweep_table.c
 * The sweep's markdown table and CSV (see sweep_table.h).
 */
#include "sweep_table.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "cnn_opts.h"

static void print_config(FILE *f, const sweep_opts_t *o)
{
    const train_opts_t *t = &o->train;
    const mx_cnn_config *c = &t->cfg;
    fprintf(f, "Profile %s, block size %d, scale bits %d, rounding %s; seed %" PRIu64
               ", lr %g, gamma %g, batch size %d, ",
            mx_profile_name(c->profile), c->block_size, c->scale_bits, mx_round_name(c->round),
            t->seed, t->lr, t->gamma, t->batch_size);
    if (t->limit_set) {
        fprintf(f, "the first %d training images", t->limit);
    } else {
        fputs("all training images", f);
    }
    fprintf(f, ", %d epoch%s", t->epochs, t->epochs > 1 ? "s" : "");
    if (t->trace != kTraceOff) {
        fprintf(f, ", stopped at the first %s", train_trace_target(t->trace));
    }
    fputs(".\n", f);
}

static void print_cell(FILE *f, const sweep_opts_t *o, const sweep_cell_t *c)
{
    if (c->state == kCellStopped) {
        fprintf(f, "%s: epoch %d, batch %ld, %s", train_trace_target(o->train.trace),
                c->stop.epoch, c->stop.batch, c->stop.op);
        return;
    }
    for (int i = 0; i < o->n_table_epochs; ++i) {
        int e = o->table_epochs[i];
        fputs(i > 0 ? " / " : "", f);
        if (e <= c->n_epochs) {
            fprintf(f, "%.2f", c->epochs[e - 1].accuracy_torch);
        } else {
            fputs("-", f);
        }
    }
}

void sweep_table_print(FILE *f, const sweep_opts_t *o, const sweep_cell_t *cells)
{
    fputs("Test accuracy (%) after epoch", f);
    for (int i = 0; i < o->n_table_epochs; ++i) {
        fprintf(f, "%s%d", i > 0 ? " / " : (o->n_table_epochs > 1 ? "s " : " "),
                o->table_epochs[i]);
    }
    fputs(". ", f);
    print_config(f, o);
    fputs("\n| MatMul \\ Elem |", f);
    for (int e = 0; e < o->n_elem; ++e) {
        fprintf(f, " %s |", o->elem[e]);
    }
    fputs("\n|---|", f);
    for (int e = 0; e < o->n_elem; ++e) {
        fputs("---|", f);
    }
    fputc('\n', f);
    for (int m = 0; m < o->n_matmul; ++m) {
        fprintf(f, "| %s |", o->matmul[m]);
        for (int e = 0; e < o->n_elem; ++e) {
            fputc(' ', f);
            print_cell(f, o, &cells[m * o->n_elem + e]);
            fputs(" |", f);
        }
        fputc('\n', f);
    }
}

static void print_csv(FILE *f, const sweep_opts_t *o, const sweep_cell_t *cells)
{
    fputs("matmul,elem,epoch,lr,accuracy,accuracy_torch,loss,test_loss,test_nan_rows,nonfinite_loss_batches,"
          "nonfinite_grad_batches,nonfinite_weights,seconds,eval_seconds,stop_batch,stop_image,"
          "stop_op,stop_tensor,stop_index,stop_inputs,stop_output\n",
          f);
    for (int i = 0; i < o->n_matmul * o->n_elem; ++i) {
        const sweep_cell_t *c = &cells[i];
        int shown = c->n_epochs < o->train.epochs ? c->n_epochs : o->train.epochs;
        for (int e = 0; e < shown; ++e) {
            const sweep_epoch_t *r = &c->epochs[e];
            fprintf(f, "%s,%s,%d,%.9g,%.2f,%.2f,%.9g,%.9g,%.0f,%.0f,%.0f,%.0f,%.3f,%.3f,,,,,,,\n",
                    c->matmul, c->elem, e + 1, r->lr, r->accuracy, r->accuracy_torch, r->loss,
                    r->test_loss,
                    r->test_nan_rows, r->nonfinite_loss_batches, r->nonfinite_grad_batches,
                    r->nonfinite_weights, r->seconds, r->eval_seconds);
        }
        if (c->state == kCellStopped) {
            const sweep_stop_t *s = &c->stop;
            fprintf(f, "%s,%s,%d,,,,,,,,,,,,%ld,%ld,%s,%s,%ld,%s,%s\n", c->matmul, c->elem, s->epoch,
                    s->batch, s->image, s->op, s->tensor, s->index, s->inputs, s->output);
        }
    }
}

/** Render with print into memory, then replace path in one step. */
static int save_rendered(const char *path, const sweep_opts_t *o, const sweep_cell_t *cells,
                         void (*print)(FILE *, const sweep_opts_t *, const sweep_cell_t *),
                         char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f == NULL) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    print(f, o, cells);
    if (fclose(f) != 0) {
        free(text);
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    int rc = atomic_file_write(path, text, len, err, errlen);
    free(text);
    return rc;
}

int sweep_table_save(const sweep_opts_t *o, const sweep_cell_t *cells, char *err, size_t errlen)
{
    if (save_rendered(o->table, o, cells, sweep_table_print, err, errlen) != 0) {
        return -1;
    }
    return save_rendered(o->csv, o, cells, print_csv, err, errlen);
}
