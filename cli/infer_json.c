/**
 * @file infer_json.c
 * JSON report with cJSON (see infer_json.h).
 */
#include "infer_json.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"

/** A format name, or null when that quantization is off (mx_specs' None). */
static cJSON *format_item(bool set, const mx_format *f)
{
    return set ? cJSON_CreateString(f->name) : cJSON_CreateNull();
}

cJSON *infer_json_config(const mx_cnn_config *c)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddStringToObject(obj, "profile", mx_profile_name(c->profile));
    cJSON_AddItemToObject(obj, "w_elem_format", format_item(c->w_mx, &c->w_fmt));
    cJSON_AddItemToObject(obj, "a_elem_format", format_item(c->a_mx, &c->a_fmt));
    cJSON_AddItemToObject(obj, "elem_format", format_item(c->elem, &c->elem_fmt));
    cJSON_AddStringToObject(obj, "round", mx_round_name(c->round));
    cJSON_AddNumberToObject(obj, "block_size", c->block_size);
    cJSON_AddNumberToObject(obj, "scale_bits", c->scale_bits);
    return obj;
}

/** Counts are exact in a JSON number up to 2^53, far beyond any run here. */
cJSON *infer_json_stats(const mx_cnn_stats *stats)
{
    if (stats == NULL) {
        return cJSON_CreateNull();
    }
    cJSON *obj = cJSON_CreateObject();
    for (int q = 0; q < MX_QP_COUNT; ++q) {
        const mx_qstats *s = &stats->point[q];
        cJSON *point = cJSON_AddObjectToObject(obj, mx_qpoint_name((mx_qpoint)q));
        cJSON_AddNumberToObject(point, "values", (double)s->values);
        cJSON_AddNumberToObject(point, "saturated", (double)s->saturated);
        cJSON_AddNumberToObject(point, "overflowed", (double)s->overflowed);
        cJSON_AddNumberToObject(point, "flushed", (double)s->flushed);
        cJSON_AddNumberToObject(point, "nan", (double)s->nan);
    }
    return obj;
}

static cJSON *confusion_array(const infer_tally_t *t)
{
    cJSON *rows = cJSON_CreateArray();
    for (int label = 0; label < MX_CNN_CLASSES; ++label) {
        int counts[MX_CNN_CLASSES + 1];
        for (int p = 0; p <= MX_CNN_CLASSES; ++p) {
            counts[p] = (int)t->confusion[label][p];
        }
        cJSON_AddItemToArray(rows, cJSON_CreateIntArray(counts, MX_CNN_CLASSES + 1));
    }
    return rows;
}

static cJSON *report_object(const infer_opts_t *o, const infer_tally_t *t,
                            const mx_cnn_stats *stats, double seconds)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "accuracy", infer_tally_accuracy(t));
    // A NaN loss (NaN rows) is printed by cJSON as null.
    cJSON_AddNumberToObject(root, "loss", t->loss);
    cJSON_AddNumberToObject(root, "images", (double)t->images);
    cJSON_AddNumberToObject(root, "correct", (double)t->correct);
    cJSON_AddNumberToObject(root, "nan_rows", (double)t->nan_rows);
    cJSON_AddItemToObject(root, "predictions",
                          cJSON_CreateIntArray(t->predictions, (int)t->images));
    cJSON_AddItemToObject(root, "confusion", confusion_array(t));
    cJSON_AddItemToObject(root, "config", infer_json_config(&o->cfg));
    cJSON_AddItemToObject(root, "quant_stats", infer_json_stats(stats));
    cJSON_AddNumberToObject(root, "seconds", seconds);
    cJSON_AddNumberToObject(root, "images_per_second",
                            seconds > 0.0 ? (double)t->images / seconds : 0.0);
    cJSON_AddNumberToObject(root, "threads", o->threads);
    cJSON_AddStringToObject(root, "weights", o->weights);
    cJSON_AddStringToObject(root, "data", o->data_dir);
    return root;
}

int infer_json_save(cJSON *root, const char *path, char *err, size_t errlen)
{
    char *text = root != NULL ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (text == NULL) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    // cJSON_Print leaves off the final newline that text tools expect.
    size_t len = strlen(text);
    char *line = malloc(len + 2);
    if (line != NULL) {
        memcpy(line, text, len);
        line[len] = '\n';
        line[len + 1] = '\0';
    }
    cJSON_free(text);
    if (line == NULL) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    int rc = atomic_file_write(path, line, len + 1, err, errlen);
    free(line);
    return rc;
}

int infer_json_write(const infer_opts_t *o, const infer_tally_t *t, const mx_cnn_stats *stats,
                     double seconds, char *err, size_t errlen)
{
    return infer_json_save(report_object(o, t, stats, seconds), o->json, err, errlen);
}
