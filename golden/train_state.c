/* The training state as bytes, for checkpoints: everything that decides
 * the next epoch's bits. Layout (little-endian):
 *   "MXTRAIN1", u32 version, u32 header bytes,
 *   configuration fingerprint (profile, formats by name, round, block,
 *   scale bits), options (seed, batch, dropouts, rho, eps, shuffle),
 *   i32 epoch, then weights, square_avg, acc_delta (u32 bit patterns,
 *   TRAIN_PARAMS each), then u64 FNV-1a of all preceding bytes.
 * The RNG is counter-based (train_rng.c): seed and epoch are its state. */
#include <stdio.h>
#include <string.h>

#include "train_internal.h"

enum { STATE_VERSION = 1, FINGERPRINT_BYTES = 128 };

typedef struct writer {
    uint8_t *p;
    size_t len, pos;
} writer;

static void put(writer *w, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) {
        if (w->p && w->pos < w->len) {
            w->p[w->pos] = (uint8_t)(v >> (8 * i));
        }
        w->pos++;
    }
}

static void put_bytes(writer *w, const void *src, size_t n)
{
    const uint8_t *s = src;
    for (size_t i = 0; i < n; i++) {
        put(w, s[i], 1);
    }
}

static void put_f64(writer *w, double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    put(w, u, 8);
}

static void put_floats(writer *w, const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &x[i], 4);
        put(w, u, 4);
    }
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

/* The configuration and options as fixed-size bytes (no struct padding). */
static void fingerprint(const mx_trainer *t, uint8_t out[FINGERPRINT_BYTES])
{
    writer w = {.p = out, .len = FINGERPRINT_BYTES};
    memset(out, 0, FINGERPRINT_BYTES);
    const mx_cnn_config *c = &t->cfg;
    char names[3][16] = {{0}};
    snprintf(names[0], 16, "%s", c->w_mx ? c->w_fmt.name : "");
    snprintf(names[1], 16, "%s", c->a_mx ? c->a_fmt.name : "");
    snprintf(names[2], 16, "%s", c->elem ? c->elem_fmt.name : "");
    put(&w, (uint64_t)c->profile, 1);
    put_bytes(&w, names, sizeof names);
    put(&w, (uint64_t)c->round, 1);
    put(&w, (uint64_t)c->block_size, 4);
    put(&w, (uint64_t)c->scale_bits, 4);
    const mx_train_options *o = &t->opt;
    put(&w, o->seed, 8);
    put(&w, (uint64_t)o->batch_size, 4);
    put_floats(&w, &o->dropout1, 1);
    put_floats(&w, &o->dropout2, 1);
    put_f64(&w, o->rho);
    put_f64(&w, o->eps);
    put(&w, o->shuffle, 1);
}

static size_t write_state(const mx_trainer *t, uint8_t *buf, size_t len)
{
    writer w = {.p = buf, .len = len};
    uint8_t fp[FINGERPRINT_BYTES];
    fingerprint(t, fp);
    put_bytes(&w, "MXTRAIN1", 8);
    put(&w, STATE_VERSION, 4);
    put(&w, 8 + 4 + 4 + FINGERPRINT_BYTES + 4, 4);
    put_bytes(&w, fp, FINGERPRINT_BYTES);
    put(&w, (uint32_t)t->epoch, 4);
    put_floats(&w, t->w, TRAIN_PARAMS);
    put_floats(&w, t->square_avg, TRAIN_PARAMS);
    put_floats(&w, t->acc_delta, TRAIN_PARAMS);
    const size_t body = w.pos;
    put(&w, buf && len >= body ? fnv1a(buf, body) : 0, 8);
    return w.pos;
}

size_t mx_trainer_state_size(const mx_trainer *t)
{
    return write_state(t, NULL, 0);
}

size_t mx_trainer_save_state(const mx_trainer *t, uint8_t *buf, size_t len)
{
    const size_t need = mx_trainer_state_size(t);
    if (!buf || len < need) {
        return 0;
    }
    return write_state(t, buf, len);
}

static uint64_t get(const uint8_t *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static void get_floats(const uint8_t *p, float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const uint32_t u = (uint32_t)get(p + 4 * i, 4);
        memcpy(&x[i], &u, 4);
    }
}

int mx_trainer_load_state(mx_trainer *t, const uint8_t *buf, size_t len, char *err,
                          size_t errlen)
{
    const size_t need = mx_trainer_state_size(t);
    if (!buf || len != need) {
        snprintf(err, errlen, "training state has %zu bytes, expected %zu", len, need);
        return -1;
    }
    if (memcmp(buf, "MXTRAIN1", 8) != 0 || get(buf + 8, 4) != STATE_VERSION) {
        snprintf(err, errlen, "not a training state of this version");
        return -1;
    }
    if (fnv1a(buf, need - 8) != get(buf + need - 8, 8)) {
        snprintf(err, errlen, "training state checksum mismatch (corrupt or truncated)");
        return -1;
    }
    uint8_t fp[FINGERPRINT_BYTES];
    fingerprint(t, fp);
    const uint8_t *p = buf + 16;
    if (memcmp(p, fp, FINGERPRINT_BYTES) != 0) {
        snprintf(err, errlen, "training state was saved with another configuration or options");
        return -1;
    }
    p += FINGERPRINT_BYTES;
    t->epoch = (int)(uint32_t)get(p, 4);
    p += 4;
    get_floats(p, t->w, TRAIN_PARAMS);
    p += 4 * (size_t)TRAIN_PARAMS;
    get_floats(p, t->square_avg, TRAIN_PARAMS);
    p += 4 * (size_t)TRAIN_PARAMS;
    get_floats(p, t->acc_delta, TRAIN_PARAMS);
    memset(&t->nf, 0, sizeof t->nf);
    t->nf_final = false;
    return 0;
}
