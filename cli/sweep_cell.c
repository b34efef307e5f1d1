/**
 * @file sweep_cell.c
 * A sweep cell's paths and its training report, read back with cJSON (see
 * sweep_cell.h).
 */
#include "sweep_cell.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_path.h"
#include "infer_json.h"

int sweep_cell_init(sweep_cell_t *c, const char *dir, const char *matmul, const char *elem)
{
    memset(c, 0, sizeof(*c));
    c->matmul = matmul;
    c->elem = elem;
    size_t len = strlen(dir) + strlen(matmul) + strlen(elem) + 4;
    c->dir = malloc(len);
    if (c->dir == NULL) {
        return -1;
    }
    snprintf(c->dir, len, "%s/%s__%s", dir, matmul, elem);
    c->json = cli_path_join(c->dir, "train.json");
    c->out = cli_path_join(c->dir, "weights.safetensors");
    c->log = cli_path_join(c->dir, "train.log");
    c->lock = cli_path_join(c->dir, "lock");
    return c->json != NULL && c->out != NULL && c->log != NULL && c->lock != NULL ? 0 : -1;
}

void sweep_cell_free(sweep_cell_t *c)
{
    free(c->dir);
    free(c->json);
    free(c->out);
    free(c->log);
    free(c->lock);
    free(c->epochs);
    memset(c, 0, sizeof(*c));
}

/** The whole file, NUL-terminated; NULL with errno set (ENOENT when absent). */
static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (cap - len < 4096) {
            cap = cap * 2 + 8192;
            char *grown = realloc(text, cap);
            if (grown == NULL) {
                free(text);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            text = grown;
        }
        size_t got = fread(text + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(text);
        errno = EIO;
        return NULL;
    }
    text[len] = '\0';
    return text;
}

/** A number member; null (cJSON's NaN) reads as NaN. */
static bool get_number(const cJSON *obj, const char *key, double *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsNumber(item)) {
        *out = item->valuedouble;
        return true;
    }
    if (cJSON_IsNull(item)) {
        *out = NAN;
        return true;
    }
    return false;
}

static bool get_string(const cJSON *obj, const char *key, char *out, size_t len)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(item)) {
        return false;
    }
    snprintf(out, len, "%s", item->valuestring);
    return true;
}

/**
 * A report without accuracy_torch (written before it existed) still has it
 * when no test row had a NaN: only NaN rows score differently.
 */
static bool read_accuracy_torch(const cJSON *obj, sweep_epoch_t *e)
{
    if (get_number(obj, "accuracy_torch", &e->accuracy_torch)) {
        return true;
    }
    e->accuracy_torch = e->accuracy;
    return e->test_nan_rows == 0;
}

static bool read_epoch(const cJSON *obj, int want, sweep_epoch_t *e)
{
    double epoch = 0;
    return get_number(obj, "epoch", &epoch) && epoch == want && get_number(obj, "lr", &e->lr) &&
           get_number(obj, "accuracy", &e->accuracy) && get_number(obj, "loss", &e->loss) &&
           get_number(obj, "test_loss", &e->test_loss) &&
           get_number(obj, "test_nan_rows", &e->test_nan_rows) &&
           get_number(obj, "nonfinite_loss_batches", &e->nonfinite_loss_batches) &&
           get_number(obj, "nonfinite_grad_batches", &e->nonfinite_grad_batches) &&
           get_number(obj, "nonfinite_weights", &e->nonfinite_weights) &&
           get_number(obj, "seconds", &e->seconds) &&
           get_number(obj, "eval_seconds", &e->eval_seconds) && read_accuracy_torch(obj, e);
}

static bool read_stop(const cJSON *obj, sweep_stop_t *s)
{
    double epoch = 0, batch = 0, image = 0, index = 0;
    if (!get_number(obj, "epoch", &epoch) || !get_number(obj, "batch", &batch) ||
        !get_number(obj, "image", &image) || !get_number(obj, "index", &index) ||
        !get_string(obj, "op", s->op, sizeof(s->op)) ||
        !get_string(obj, "tensor", s->tensor, sizeof(s->tensor)) ||
        !get_string(obj, "output_bits", s->output, sizeof(s->output))) {
        return false;
    }
    s->epoch = (int)epoch;
    s->batch = (long)batch;
    s->image = (long)image;
    s->index = (long)index;
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(obj, "input_bits");
    if (!cJSON_IsArray(in)) {
        return false;
    }
    snprintf(s->inputs, sizeof(s->inputs), "none");
    size_t used = 0;
    const cJSON *bits = NULL;
    cJSON_ArrayForEach(bits, in)
    {
        if (!cJSON_IsString(bits) || used + 10 > sizeof(s->inputs)) {
            return false;
        }
        used += (size_t)snprintf(s->inputs + used, sizeof(s->inputs) - used, "%s%s",
                                 used > 0 ? " " : "", bits->valuestring);
    }
    return true;
}

/** The name of the first training parameter in which the report differs from o, or NULL. */
static const char *foreign_parameter(const cJSON *root, const train_opts_t *o)
{
    cJSON *want = infer_json_config(&o->cfg);
    bool same = cJSON_Compare(cJSON_GetObjectItemCaseSensitive(root, "config"), want, true);
    cJSON_Delete(want);
    if (!same) {
        return "format configuration";
    }
    const cJSON *train = cJSON_GetObjectItemCaseSensitive(root, "train");
    char seed[32], text[4096];
    snprintf(seed, sizeof(seed), "%" PRIu64, o->seed);
    if (!get_string(train, "seed", text, sizeof(text)) || strcmp(text, seed) != 0) {
        return "seed";
    }
    double v = 0;
    if (!get_number(train, "lr", &v) || v != o->lr) {
        return "lr";
    }
    if (!get_number(train, "gamma", &v) || v != o->gamma) {
        return "gamma";
    }
    if (!get_number(train, "batch_size", &v) || v != o->batch_size) {
        return "batch size";
    }
    if (!get_string(train, "data", text, sizeof(text)) || strcmp(text, o->data_dir) != 0) {
        return "data directory";
    }
    const cJSON *limit = cJSON_GetObjectItemCaseSensitive(train, "limit");
    bool limit_same = o->limit_set ? cJSON_IsNumber(limit) && limit->valuedouble == o->limit
                                   : limit == NULL || cJSON_IsNull(limit);
    if (!limit_same) {
        return "--limit";
    }
    const cJSON *trace = cJSON_GetObjectItemCaseSensitive(train, "trace");
    const char *want_trace = train_trace_name(o->trace);
    bool trace_same = want_trace != NULL
                          ? cJSON_IsString(trace) && strcmp(trace->valuestring, want_trace) == 0
                          : trace == NULL || cJSON_IsNull(trace);
    if (!trace_same) {
        return "--trace-nonfinite / --trace-nan / --trace-grad";
    }
    const cJSON *weights = cJSON_GetObjectItemCaseSensitive(train, "weights");
    bool weights_same = o->weights != NULL
                            ? cJSON_IsString(weights) && strcmp(weights->valuestring, o->weights) == 0
                            : cJSON_IsNull(weights);
    return weights_same ? NULL : "starting weights";
}

static int read_report(sweep_cell_t *c, const cJSON *root, const train_opts_t *o, char *err,
                       size_t errlen)
{
    const char *foreign = foreign_parameter(root, o);
    if (foreign != NULL) {
        snprintf(err, errlen,
                 "%s was made with another %s than this sweep asks for: use another --dir, or "
                 "remove %s",
                 c->json, foreign, c->dir);
        return -1;
    }
    const cJSON *epochs = cJSON_GetObjectItemCaseSensitive(root, "epochs");
    if (!cJSON_IsArray(epochs)) {
        snprintf(err, errlen, "%s: no epochs array", c->json);
        return -1;
    }
    int n = cJSON_GetArraySize(epochs);
    c->epochs = calloc(n > 0 ? (size_t)n : 1, sizeof(*c->epochs));
    if (c->epochs == NULL) {
        snprintf(err, errlen, "%s: out of memory", c->json);
        return -1;
    }
    for (int i = 0; i < n; ++i) {
        if (!read_epoch(cJSON_GetArrayItem(epochs, i), i + 1, &c->epochs[i])) {
            snprintf(err, errlen, "%s: epoch %d is incomplete", c->json, i + 1);
            return -1;
        }
    }
    c->n_epochs = n;
    const cJSON *nf = cJSON_GetObjectItemCaseSensitive(root, "nonfinite");
    if (nf != NULL && !cJSON_IsNull(nf)) {
        if (!read_stop(nf, &c->stop)) {
            snprintf(err, errlen, "%s: the nonfinite record is incomplete", c->json);
            return -1;
        }
        c->stopped = true;
    }
    const cJSON *out = cJSON_GetObjectItemCaseSensitive(root, "out");
    if (c->stopped && o->trace != kTraceOff) {
        c->state = kCellStopped;
    } else if (n >= o->epochs && cJSON_IsString(out)) {
        c->state = kCellDone;
    } else {
        c->state = kCellPartial;
    }
    return 0;
}

int sweep_cell_read(sweep_cell_t *c, const train_opts_t *o, char *err, size_t errlen)
{
    free(c->epochs);
    c->epochs = NULL;
    c->n_epochs = 0;
    c->stopped = false;
    c->state = kCellNew;
    char *text = read_text(c->json);
    if (text == NULL) {
        if (errno == ENOENT) {
            return 0;
        }
        snprintf(err, errlen, "cannot read %s: %s", c->json, strerror(errno));
        return -1;
    }
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        snprintf(err, errlen, "%s is not a training report (corrupt JSON): remove it to rerun "
                 "the cell", c->json);
        return -1;
    }
    int rc = read_report(c, root, o, err, errlen);
    cJSON_Delete(root);
    return rc;
}
