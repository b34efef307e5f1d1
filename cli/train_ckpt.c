/**
 * @file train_ckpt.c
 * Checkpoint files of `mxaccel train` (see train_ckpt.h). Layout:
 *   "MXCKPT01", u32 version, f64 lr, f64 gamma, u64 images, u64 data hash,
 *   u64 weights hash,
 *   u32 result count, the results (fixed-size records), u64 state bytes,
 *   the trainer's state (mx_trainer_save_state), u64 FNV-1a of all before.
 */
#include "train_ckpt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"

enum { kCkptVersion = 2, kMagicBytes = 8 };
static const char kMagic[kMagicBytes + 1] = "MXCKPT01";

/** Bytes of one result record. */
enum { kResultBytes = 4 + 8 * 3 + 8 * 3 + 1 + MX_QP_COUNT * 5 * 8 + 8 + 8 * 3 + 8 + 8 + 8 + 8 + 8 };

typedef struct buf {
    uint8_t *p;
    size_t len, pos;
    bool bad; /**< a read went past the end */
} buf_t;

static void put(buf_t *b, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) {
        if (b->p != NULL && b->pos < b->len) {
            b->p[b->pos] = (uint8_t)(v >> (8 * i));
        }
        b->pos++;
    }
}

static void put_f64(buf_t *b, double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    put(b, u, 8);
}

static uint64_t get(buf_t *b, int bytes)
{
    if (b->pos + (size_t)bytes > b->len) {
        b->bad = true;
        b->pos = b->len;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) {
        v |= (uint64_t)b->p[b->pos + (size_t)i] << (8 * i);
    }
    b->pos += (size_t)bytes;
    return v;
}

static double get_f64(buf_t *b)
{
    uint64_t u = get(b, 8);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

uint64_t train_ckpt_data_hash(const uint8_t *images, const uint8_t *labels, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n * MX_CNN_IMAGE_PIXELS; i++) {
        h = (h ^ images[i]) * 0x100000001b3ull;
    }
    for (size_t i = 0; i < n; i++) {
        h = (h ^ labels[i]) * 0x100000001b3ull;
    }
    return h;
}

static void put_result(buf_t *b, const train_result_t *r)
{
    put(b, (uint32_t)r->epoch, 4);
    put_f64(b, r->lr);
    put_f64(b, r->loss);
    put(b, r->batches, 8);
    put(b, r->nonfinite_loss_batches, 8);
    put(b, r->nonfinite_grad_batches, 8);
    put(b, r->nonfinite_weights, 8);
    put(b, r->has_stats, 1);
    for (int q = 0; q < MX_QP_COUNT; q++) {
        const mx_qstats *s = &r->qstats.point[q];
        put(b, s->values, 8);
        put(b, s->saturated, 8);
        put(b, s->overflowed, 8);
        put(b, s->flushed, 8);
        put(b, s->nan, 8);
    }
    put_f64(b, r->accuracy);
    put(b, r->correct, 8);
    put(b, r->test_images, 8);
    put(b, r->test_nan_rows, 8);
    put_f64(b, r->accuracy_torch);
    put(b, r->correct_torch, 8);
    put_f64(b, r->test_loss);
    put_f64(b, r->seconds);
    put_f64(b, r->eval_seconds);
}

static void get_result(buf_t *b, train_result_t *r)
{
    memset(r, 0, sizeof(*r));
    r->epoch = (int)(uint32_t)get(b, 4);
    r->lr = get_f64(b);
    r->loss = get_f64(b);
    r->batches = get(b, 8);
    r->nonfinite_loss_batches = get(b, 8);
    r->nonfinite_grad_batches = get(b, 8);
    r->nonfinite_weights = get(b, 8);
    r->has_stats = get(b, 1) != 0;
    for (int q = 0; q < MX_QP_COUNT; q++) {
        mx_qstats *s = &r->qstats.point[q];
        s->values = get(b, 8);
        s->saturated = get(b, 8);
        s->overflowed = get(b, 8);
        s->flushed = get(b, 8);
        s->nan = get(b, 8);
    }
    r->accuracy = get_f64(b);
    r->correct = get(b, 8);
    r->test_images = get(b, 8);
    r->test_nan_rows = get(b, 8);
    r->accuracy_torch = get_f64(b);
    r->correct_torch = get(b, 8);
    r->test_loss = get_f64(b);
    r->seconds = get_f64(b);
    r->eval_seconds = get_f64(b);
}

/** Everything up to the state's length field; with p == NULL only counts. */
static void put_header(buf_t *b, const train_fingerprint_t *fp, const train_result_t *results,
                       int count)
{
    for (int i = 0; i < kMagicBytes; i++) {
        put(b, (uint8_t)kMagic[i], 1);
    }
    put(b, kCkptVersion, 4);
    put_f64(b, fp->lr);
    put_f64(b, fp->gamma);
    put(b, fp->images, 8);
    put(b, fp->data_hash, 8);
    put(b, fp->weights_hash, 8);
    put(b, (uint32_t)count, 4);
    for (int i = 0; i < count; i++) {
        put_result(b, &results[i]);
    }
}

int train_ckpt_save(const char *path, const mx_trainer *t, const train_fingerprint_t *fp,
                    const train_result_t *results, int count, char *err, size_t errlen)
{
    buf_t size = {0};
    put_header(&size, fp, results, count);
    const size_t state_len = mx_trainer_state_size(t);
    const size_t total = size.pos + 8 + state_len + 8;
    uint8_t *data = malloc(total);
    if (data == NULL) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    buf_t b = {.p = data, .len = total};
    put_header(&b, fp, results, count);
    put(&b, state_len, 8);
    if (mx_trainer_save_state(t, data + b.pos, state_len) != state_len) {
        free(data);
        snprintf(err, errlen, "cannot write %s: the training state could not be saved", path);
        return -1;
    }
    b.pos += state_len;
    put(&b, fnv1a(data, b.pos), 8);
    int rc = atomic_file_write(path, (const char *)data, total, err, errlen);
    free(data);
    return rc;
}

static int read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "cannot read checkpoint %s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 20, n = 0;
    uint8_t *p = malloc(cap);
    while (p != NULL) {
        n += fread(p + n, 1, cap - n, f);
        if (n < cap) {
            break;
        }
        uint8_t *q = realloc(p, cap * 2);
        if (q == NULL) {
            free(p);
            p = NULL;
            break;
        }
        p = q;
        cap *= 2;
    }
    int failed = p == NULL || ferror(f);
    fclose(f);
    if (failed) {
        free(p);
        snprintf(err, errlen, "cannot read checkpoint %s: %s", path,
                 p == NULL ? "out of memory" : "read error");
        return -1;
    }
    *data = p;
    *len = n;
    return 0;
}

/** The first field of the fingerprint that differs, as a message in what; 0 if none. */
static int fingerprint_mismatch(const train_fingerprint_t *saved, const train_fingerprint_t *fp,
                                char *what, size_t len)
{
    if (saved->lr != fp->lr) {
        snprintf(what, len, "--lr %.17g, not %.17g", saved->lr, fp->lr);
    } else if (saved->gamma != fp->gamma) {
        snprintf(what, len, "--gamma %.17g, not %.17g", saved->gamma, fp->gamma);
    } else if (saved->images != fp->images) {
        snprintf(what, len, "%llu training images (--limit), not %llu",
                 (unsigned long long)saved->images, (unsigned long long)fp->images);
    } else if (saved->data_hash != fp->data_hash) {
        snprintf(what, len, "other training images (--data)");
    } else if (saved->weights_hash != fp->weights_hash) {
        snprintf(what, len, "other starting weights (--seed or --weights)");
    } else {
        return 0;
    }
    return -1;
}

static int parse(const char *path, uint8_t *data, size_t len, mx_trainer *t,
                 const train_fingerprint_t *fp, train_result_t **results, int *count, char *err,
                 size_t errlen)
{
    if (len < kMagicBytes + 4 || memcmp(data, kMagic, kMagicBytes) != 0) {
        snprintf(err, errlen, "checkpoint %s is not an mxaccel train checkpoint", path);
        return -1;
    }
    buf_t tail = {.p = data, .len = len, .pos = len >= 8 ? len - 8 : 0};
    if (len < kMagicBytes + 4 + 8 || fnv1a(data, len - 8) != get(&tail, 8)) {
        snprintf(err, errlen, "checkpoint %s is truncated or corrupt (checksum mismatch)", path);
        return -1;
    }
    buf_t b = {.p = data, .len = len - 8, .pos = kMagicBytes};
    uint32_t version = (uint32_t)get(&b, 4);
    if (version != kCkptVersion) {
        snprintf(err, errlen, "checkpoint %s has version %u, this mxaccel reads version %d", path,
                 version, kCkptVersion);
        return -1;
    }
    train_fingerprint_t saved;
    saved.lr = get_f64(&b);
    saved.gamma = get_f64(&b);
    saved.images = get(&b, 8);
    saved.data_hash = get(&b, 8);
    saved.weights_hash = get(&b, 8);
    char what[160];
    if (fingerprint_mismatch(&saved, fp, what, sizeof(what)) != 0) {
        snprintf(err, errlen, "checkpoint %s is from another configuration: it was made with %s",
                 path, what);
        return -1;
    }
    uint32_t n = (uint32_t)get(&b, 4);
    if (b.bad || n > (uint32_t)(len / kResultBytes)) {
        snprintf(err, errlen, "checkpoint %s is corrupt (bad epoch count)", path);
        return -1;
    }
    train_result_t *r = calloc(n > 0 ? n : 1, sizeof(*r));
    if (r == NULL) {
        snprintf(err, errlen, "cannot read checkpoint %s: out of memory", path);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        get_result(&b, &r[i]);
    }
    uint64_t state_len = get(&b, 8);
    if (b.bad || state_len != b.len - b.pos) {
        free(r);
        snprintf(err, errlen, "checkpoint %s is corrupt (bad state length)", path);
        return -1;
    }
    char why[256];
    if (mx_trainer_load_state(t, b.p + b.pos, (size_t)state_len, why, sizeof(why)) != 0) {
        free(r);
        snprintf(err, errlen, "checkpoint %s: %s", path, why);
        return -1;
    }
    if (mx_trainer_epoch(t) != (int)n) {
        free(r);
        snprintf(err, errlen, "checkpoint %s is corrupt (%d epochs trained, %u reported)", path,
                 mx_trainer_epoch(t), n);
        return -1;
    }
    *results = r;
    *count = (int)n;
    return 0;
}

int train_ckpt_load(const char *path, mx_trainer *t, const train_fingerprint_t *fp,
                    train_result_t **results, int *count, char *err, size_t errlen)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (read_file(path, &data, &len, err, errlen) != 0) {
        return -1;
    }
    int rc = parse(path, data, len, t, fp, results, count, err, errlen);
    free(data);
    return rc;
}
