/**
 * @file train_json.c
 * JSON report of a training run with cJSON (see train_json.h).
 */
#include "train_json.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>

#include "infer_json.h"

static cJSON *run_object(const train_opts_t *o, size_t images, int resumed_from)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddNumberToObject(obj, "images", (double)images);
    cJSON_AddNumberToObject(obj, "epochs", o->epochs);
    // A seed beyond 2^53 would lose bits as a JSON number: a decimal string.
    char seed[32];
    snprintf(seed, sizeof(seed), "%" PRIu64, o->seed);
    cJSON_AddStringToObject(obj, "seed", seed);
    cJSON_AddNumberToObject(obj, "lr", o->lr);
    cJSON_AddNumberToObject(obj, "gamma", o->gamma);
    cJSON_AddNumberToObject(obj, "batch_size", o->batch_size);
    cJSON_AddNumberToObject(obj, "threads", o->threads);
    cJSON_AddNumberToObject(obj, "resumed_from_epoch", resumed_from);
    // What stops the run: nothing, or the first value the trace looks for.
    if (o->trace != kTraceOff) {
        cJSON_AddStringToObject(obj, "trace", train_trace_name(o->trace));
    } else {
        cJSON_AddNullToObject(obj, "trace");
    }
    if (o->limit_set) {
        cJSON_AddNumberToObject(obj, "limit", o->limit);
    } else {
        cJSON_AddNullToObject(obj, "limit");
    }
    cJSON_AddStringToObject(obj, "data", o->data_dir);
    if (o->weights != NULL) {
        cJSON_AddStringToObject(obj, "weights", o->weights);
    } else {
        cJSON_AddNullToObject(obj, "weights");
    }
    return obj;
}

static cJSON *epoch_object(const train_result_t *r)
{
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddNumberToObject(obj, "epoch", r->epoch);
    cJSON_AddNumberToObject(obj, "lr", r->lr);
    cJSON_AddNumberToObject(obj, "accuracy", r->accuracy);
    // A NaN loss (no finite batch) is printed by cJSON as null.
    cJSON_AddNumberToObject(obj, "loss", r->loss);
    cJSON_AddNumberToObject(obj, "test_loss", r->test_loss);
    cJSON_AddNumberToObject(obj, "correct", (double)r->correct);
    cJSON_AddNumberToObject(obj, "test_images", (double)r->test_images);
    cJSON_AddNumberToObject(obj, "test_nan_rows", (double)r->test_nan_rows);
    cJSON_AddNumberToObject(obj, "accuracy_torch", r->accuracy_torch);
    cJSON_AddNumberToObject(obj, "correct_torch", (double)r->correct_torch);
    cJSON_AddNumberToObject(obj, "batches", (double)r->batches);
    cJSON_AddNumberToObject(obj, "nonfinite_loss_batches", (double)r->nonfinite_loss_batches);
    cJSON_AddNumberToObject(obj, "nonfinite_grad_batches", (double)r->nonfinite_grad_batches);
    cJSON_AddNumberToObject(obj, "nonfinite_weights", (double)r->nonfinite_weights);
    cJSON_AddItemToObject(obj, "quant_stats", infer_json_stats(r->has_stats ? &r->qstats : NULL));
    cJSON_AddNumberToObject(obj, "seconds", r->seconds);
    cJSON_AddNumberToObject(obj, "eval_seconds", r->eval_seconds);
    return obj;
}

static cJSON *hex_item(uint32_t bits)
{
    char text[16];
    snprintf(text, sizeof(text), "%08" PRIx32, bits);
    return cJSON_CreateString(text);
}

static cJSON *nonfinite_object(const mx_train_nonfinite *nf)
{
    if (nf == NULL || !nf->found) {
        return cJSON_CreateNull();
    }
    cJSON *obj = cJSON_CreateObject();
    cJSON_AddNumberToObject(obj, "epoch", nf->epoch + 1);
    cJSON_AddNumberToObject(obj, "batch", (double)nf->batch);
    cJSON_AddNumberToObject(obj, "image", (double)nf->image);
    cJSON_AddStringToObject(obj, "op", nf->op);
    cJSON_AddStringToObject(obj, "tensor", nf->tensor);
    cJSON_AddNumberToObject(obj, "index", (double)nf->index);
    cJSON *in = cJSON_AddArrayToObject(obj, "input_bits");
    for (int i = 0; i < nf->n_inputs; i++) {
        cJSON_AddItemToArray(in, hex_item(nf->in_bits[i]));
    }
    cJSON_AddItemToObject(obj, "output_bits", hex_item(nf->out_bits));
    return obj;
}

int train_json_write(const train_opts_t *o, size_t images, int resumed_from,
                     const train_result_t *results, int count, const mx_train_nonfinite *nf,
                     const char *out, char *err, size_t errlen)
{
    cJSON *root = cJSON_CreateObject();
    if (root != NULL) {
        cJSON_AddItemToObject(root, "config", infer_json_config(&o->cfg));
        cJSON_AddItemToObject(root, "train", run_object(o, images, resumed_from));
        cJSON *epochs = cJSON_AddArrayToObject(root, "epochs");
        for (int i = 0; i < count; i++) {
            cJSON_AddItemToArray(epochs, epoch_object(&results[i]));
        }
        cJSON_AddItemToObject(root, "nonfinite", nonfinite_object(nf));
        if (out != NULL) {
            cJSON_AddStringToObject(root, "out", out);
        } else {
            cJSON_AddNullToObject(root, "out");
        }
    }
    return infer_json_save(root, o->json, err, errlen);
}
