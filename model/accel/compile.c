/* The compiler; see compile.h and docs/accelerator.md, "Compiler". */
#include "compile.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxaccel/hw_alu.h"
#include "mxaccel/mx_pack.h"

/* Geometry of the seed network. */
enum {
    IMG = 28, PIXELS = IMG * IMG, C1 = 32, H1 = 26, C2 = 64, H2 = 24, POOLED = C2 * 12 * 12,
    F1 = 128, F2 = 10, CLASSES = 10, BLOCK = 32
};

int accel_config_check(const mx_cnn_config *cfg, char *err, size_t errlen)
{
    if (!cfg->elem || !mx_hw_alu_format_ok(&cfg->elem_fmt)) {
        snprintf(err, errlen,
                 "elementwise format %s: the ALU has fp7..fp16 and bfloat10..bfloat16 only",
                 cfg->elem ? cfg->elem_fmt.name : "none");
        return -1;
    }
    if (!cfg->a_mx || !cfg->w_mx) {
        snprintf(err, errlen,
                 "the PE array needs both matmul operands quantized (--matmul F, or both "
                 "--a-elem-format and --w-elem-format)");
        return -1;
    }
    const bool abf = accel_is_bf16(&cfg->a_fmt), wbf = accel_is_bf16(&cfg->w_fmt);
    if (abf != wbf || (!abf && (cfg->a_fmt.id > MX_FMT_FP4_E2M1 || cfg->w_fmt.id > MX_FMT_FP4_E2M1))) {
        snprintf(err, errlen,
                 "matmul formats %s x %s: the PE multiplies two of int8 int4 int2 fp8_e5m2 "
                 "fp8_e4m3 fp6_e3m2 fp6_e2m3 fp4_e2m1, or bfloat16 x bfloat16",
                 cfg->a_fmt.name, cfg->w_fmt.name);
        return -1;
    }
    if (cfg->block_size != BLOCK || cfg->scale_bits != 8) {
        snprintf(err, errlen, "the hardware has MX blocks of 32 with 8-bit scales (got block %d, %d scale bits)",
                 cfg->block_size, cfg->scale_bits);
        return -1;
    }
    return 0;
}

/* The weights of one layer after Qe and Qmx: dequantized values and the
 * scale codes, in mx_quantize_axis's layouts. */
typedef struct qlayer {
    float *w, *b;     /* [out][in...], [out] */
    uint8_t *scales;  /* [out][blocks][inner] */
} qlayer;

static int quantize_layer(const mx_cnn_config *cfg, const float *w, const float *b, size_t out,
                          size_t axis, size_t inner, qlayer *q)
{
    const size_t n = out * axis * inner;
    const size_t nb = mx_blocks_along(axis, BLOCK);
    q->w = malloc(n * sizeof *q->w);
    q->b = malloc(out * sizeof *q->b);
    q->scales = malloc(out * nb * inner);
    if (!q->w || !q->b || !q->scales) {
        return -1;
    }
    const mx_elem_spec qe = mx_hw_alu_qe_spec(&cfg->elem_fmt);
    mx_quantize_elemwise(&qe, w, q->w, n);
    mx_quantize_elemwise(&qe, b, q->b, out);
    const mx_block_spec qw = {.profile = MX_PROFILE_HW, .elem = cfg->w_fmt, .round = cfg->round,
                              .block_size = BLOCK, .scale_bits = 8};
    mx_quantize_axis(&qw, q->w, q->w, out, axis, inner, q->scales);
    return 0;
}

static void qlayer_free(qlayer *q)
{
    free(q->w);
    free(q->b);
    free(q->scales);
}

static void put_code(uint8_t *dst, uint32_t code, unsigned bytes)
{
    dst[0] = (uint8_t)code;
    if (bytes == 2) {
        dst[1] = (uint8_t)(code >> 8);
    }
}

/* One stored weight block: values v[0..n-1] (stride apart) with scale code s. */
static int store_block(const mx_format *f, uint8_t s, const float *v, size_t stride, unsigned n,
                       uint8_t *dst)
{
    if (accel_is_bf16(f)) {
        for (unsigned i = 0; i < n; i++) {
            uint32_t u;
            const float x = v[i * stride];
            memcpy(&u, &x, sizeof u);
            if (isnan(x)) {
                u = 0x7fc00000u;
            } else if (u & 0xffffu) {
                return -1; /* not a bfloat16 value */
            }
            put_code(dst + 2 * i, u >> 16, 2);
        }
        return 0;
    }
    float e[BLOCK] = {0};
    for (unsigned i = 0; s != MX_SCALE_NAN && i < n; i++) {
        e[i] = ldexpf(v[i * stride], 127 - (int)s); /* exact: v = e * 2^(s-127) */
    }
    return mx_pack_block(f, s, e, n, dst);
}

/* DRAM and activation-buffer allocation, growing. */
typedef struct layout {
    uint8_t *dram;
    size_t dram_bytes, dram_cap;
} layout;

static uint32_t dram_alloc(layout *l, size_t bytes)
{
    const size_t at = (l->dram_bytes + 63) & ~(size_t)63;
    if (at + bytes > l->dram_cap) {
        size_t cap = l->dram_cap ? l->dram_cap : 1 << 20;
        while (cap < at + bytes) {
            cap *= 2;
        }
        uint8_t *d = realloc(l->dram, cap);
        if (!d) {
            return UINT32_MAX;
        }
        memset(d + l->dram_cap, 0, cap - l->dram_cap);
        l->dram = d;
        l->dram_cap = cap;
    }
    l->dram_bytes = at + bytes;
    return (uint32_t)at;
}

/* A MATMUL's weights into DRAM in chunk order (program.h). block(n, k) gives
 * the values of block k of output n (stride apart) and its scale. */
typedef struct wsrc {
    const qlayer *q;
    int conv;          /* conv: w[o][c][3][3], one block per (o, tap) */
    size_t in;         /* linear: inputs; conv: input channels */
} wsrc;

static int store_weights(const accel_program *p, accel_desc *d, const wsrc *s, layout *l,
                         char *err, size_t errlen)
{
    size_t total = 0, nc;
    d->dram = 0;
    accel_chunk *c = accel_matmul_chunks(p, d, &nc);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < nc; i++) {
        total += c[i].bytes;
    }
    const uint32_t base = dram_alloc(l, total);
    const unsigned ew = accel_elem_bytes(&p->elem);
    const unsigned ws = accel_slot_bytes(&p->w_fmt, d->block_len);
    int status = base == UINT32_MAX ? -1 : 0;
    for (size_t i = 0; i < nc && status == 0; i++) {
        uint8_t *dst = l->dram + base + c[i].dram;
        for (uint32_t j = 0; j < c[i].bias_bytes / ew; j++, dst += ew) {
            put_code(dst, mx_hw_alu_encode(&p->elem, s->q->b[c[i].n0 + j]), ew);
        }
        for (uint32_t k = c[i].k0; k < c[i].k0 + c[i].kn && status == 0; k++) {
            for (uint32_t j = 0; j < c[i].cw && status == 0; j++, dst += ws) {
                const size_t o = c[i].n0 + j;
                const float *v;
                size_t stride;
                uint8_t scale;
                if (s->conv) {
                    /* block k = tap t, channel block cb: w[o][cb*32 + i][t] */
                    const size_t t = k / d->cin_blocks, cb = k % d->cin_blocks;
                    v = s->q->w + (o * s->in + cb * BLOCK) * 9 + t;
                    stride = 9;
                    scale = s->q->scales[(o * d->cin_blocks + cb) * 9 + t];
                } else {
                    v = s->q->w + o * s->in + (size_t)k * BLOCK;
                    stride = 1;
                    scale = s->q->scales[o * d->kb + k];
                }
                status = store_block(&p->w_fmt, scale, v, stride, d->block_len, dst);
            }
        }
    }
    free(c);
    if (status != 0) {
        snprintf(err, errlen, base == UINT32_MAX ? "out of memory"
                              : "a quantized weight is not a value of its storage format");
        return -1;
    }
    d->dram = base;
    return 0;
}

/* Blocks per weight chunk along K: all of them for convolutions (the chunk
 * is reused by every row tile), else as many as fit half the weight buffer. */
static uint32_t chunk_blocks(const accel_program *p, const accel_desc *d)
{
    if (d->conv) {
        return d->kb;
    }
    const size_t half = (size_t)p->hw.wgt_buf_kib * 1024 / 2;
    const size_t cols = (size_t)p->hw.cols;
    const size_t bias = cols * accel_elem_bytes(&p->elem);
    const size_t per_k = cols * accel_slot_bytes(&p->w_fmt, d->block_len);
    const size_t k = half > bias ? (half - bias) / per_k : 0;
    return k == 0 ? 1 : (k < d->kb ? (uint32_t)k : d->kb); /* 0 fits nothing: check reports it */
}

static accel_desc *push(accel_program *p, size_t *cap)
{
    if (p->n_descs == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        accel_desc *d = realloc(p->descs, *cap * sizeof *d);
        if (!d) {
            return NULL;
        }
        p->descs = d;
    }
    accel_desc *d = &p->descs[p->n_descs++];
    memset(d, 0, sizeof *d);
    return d;
}

/* Activation-buffer map (docs/accelerator.md, "Compiler"): area A holds the
 * image and conv1's blocks, later conv2's blocks; area B conv1's output,
 * later the pooled conv2 output; area C everything of fc1 and fc2 for all
 * images of the run. */
typedef struct act_map {
    uint32_t in_e, in_mx, mx2, y1, pool, mx3, y3, mx4, y4, out, end;
    uint32_t fc1_sm, fc2_sm;
} act_map;

static uint32_t odd_stride(uint32_t kb)
{
    return kb % 2 ? kb : kb + 1; /* odd: rows of a linear layer fall into distinct banks */
}

static uint32_t align64(uint64_t x)
{
    return (uint32_t)((x + 63) & ~(uint64_t)63);
}

static act_map map_act(const accel_program *p, uint32_t images)
{
    const uint32_t ew = accel_elem_bytes(&p->elem);
    const uint32_t s1 = accel_slot_bytes(&p->a_fmt, 1), s32 = accel_slot_bytes(&p->a_fmt, BLOCK);
    act_map m = {0};
    m.fc1_sm = odd_stride(POOLED / BLOCK);
    m.fc2_sm = odd_stride(F1 / BLOCK);
    m.in_e = 0;
    m.in_mx = align64(PIXELS * ew);
    m.mx2 = 0;
    const uint32_t a_end = align64((uint64_t)m.in_mx + PIXELS * s1) > align64((uint64_t)H1 * H1 * s32)
                               ? align64((uint64_t)m.in_mx + PIXELS * s1)
                               : align64((uint64_t)H1 * H1 * s32);
    m.y1 = a_end;
    m.pool = a_end;
    const uint32_t b_size = align64((uint64_t)H1 * H1 * C1 * ew);
    m.mx3 = a_end + (b_size > align64(POOLED * ew) ? b_size : align64(POOLED * ew));
    m.y3 = align64(m.mx3 + (uint64_t)((images - 1) * m.fc1_sm + POOLED / BLOCK) * s32);
    m.mx4 = align64(m.y3 + (uint64_t)images * F1 * ew);
    m.y4 = align64(m.mx4 + (uint64_t)((images - 1) * m.fc2_sm + F1 / BLOCK) * s32);
    m.out = align64(m.y4 + (uint64_t)images * F2 * ew);
    m.end = m.out + images * CLASSES * ew;
    return m;
}

/* A matmul descriptor at the end of the program, its chunk size chosen. */
typedef struct matmul_shape {
    accel_layer layer;
    uint32_t src, dst, m, n, kb, block_len, epi;
    uint32_t conv, in_w, cin_blocks, order, in_sm, out_sm, out_sn;
} matmul_shape;

/* Append a matmul. With store, its weights go into DRAM (and their address
 * into *wdram when given); without, it reads them at *wdram (a
 * convolution's, shared by the images of a run). */
static int matmul(accel_program *p, size_t *cap, const matmul_shape *sh, const wsrc *w, bool store,
                  uint32_t *wdram, layout *l, char *err, size_t errlen)
{
    accel_desc *d = push(p, cap);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *d = (accel_desc){.op = ACCEL_OP_MATMUL, .layer = sh->layer, .src = sh->src, .dst = sh->dst,
                      .m = sh->m, .n = sh->n, .kb = sh->kb, .block_len = sh->block_len,
                      .epi = sh->epi, .conv = sh->conv, .in_w = sh->in_w,
                      .cin_blocks = sh->cin_blocks, .order = sh->order, .in_sm = sh->in_sm,
                      .out_sm = sh->out_sm, .out_sn = sh->out_sn};
    d->chunk_k = chunk_blocks(p, d);
    if (!store) {
        d->dram = *wdram;
        return 0;
    }
    if (store_weights(p, d, w, l, err, errlen) != 0) {
        return -1;
    }
    if (wdram) {
        *wdram = d->dram;
    }
    return 0;
}

/* Append a descriptor d0 (LOAD, SEU, SOFTMAX, STORE). */
static int append(accel_program *p, size_t *cap, accel_desc d0, char *err, size_t errlen)
{
    accel_desc *d = push(p, cap);
    if (!d) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *d = d0;
    return 0;
}

static accel_desc seu(accel_layer layer, uint32_t src, uint32_t dst, uint32_t blocks, uint32_t len)
{
    return (accel_desc){.op = ACCEL_OP_SEU, .layer = layer, .src = src, .dst = dst,
                        .blocks = blocks, .block_len = len};
}

/* The descriptors; the convolutions' weights are stored once, for the first
 * image, and every image's descriptors point at them. */
static int emit(accel_program *p, const qlayer q[4], layout *l, char *err, size_t errlen)
{
    const uint32_t ew = accel_elem_bytes(&p->elem);
    const uint32_t s32 = accel_slot_bytes(&p->a_fmt, BLOCK);
    const act_map a = map_act(p, p->images);
    const uint64_t act_bytes = (uint64_t)p->hw.act_buf_kib * 1024;
    if (a.end > act_bytes) {
        snprintf(err, errlen,
                 "the network's activations for %u image(s) need %u bytes of activation buffer; "
                 "act_buf_kib is %d (%" PRIu64 " bytes)",
                 p->images, a.end, p->hw.act_buf_kib, act_bytes);
        return -1;
    }
    size_t cap = 0;
    uint32_t conv1_w = 0, conv2_w = 0;
    const wsrc w1 = {&q[0], 1, 1}, w2 = {&q[1], 1, C1}, w3 = {&q[2], 0, POOLED},
               w4 = {&q[3], 0, F1};
    const matmul_shape conv1 = {
        .layer = ACCEL_LAYER_CONV1, .src = a.in_mx, .dst = a.y1, .m = H1 * H1, .n = C1, .kb = 9,
        .block_len = 1, .epi = ACCEL_EPI_BIAS32 | ACCEL_EPI_QUANT | ACCEL_EPI_RELU, .conv = 1,
        .in_w = IMG, .cin_blocks = 1, .order = ACCEL_ORDER_RASTER, .out_sm = C1, .out_sn = 1};
    const matmul_shape conv2 = {
        .layer = ACCEL_LAYER_CONV2, .src = a.mx2, .dst = a.pool, .m = H2 * H2, .n = C2, .kb = 9,
        .block_len = BLOCK,
        .epi = ACCEL_EPI_BIAS32 | ACCEL_EPI_QUANT | ACCEL_EPI_RELU | ACCEL_EPI_RMAX4, .conv = 1,
        .in_w = H1, .cin_blocks = C1 / BLOCK, .order = ACCEL_ORDER_POOL2, .out_sm = 1,
        .out_sn = (H2 / 2) * (H2 / 2)};
    const matmul_shape fc1 = {
        .layer = ACCEL_LAYER_FC1, .src = a.mx3, .dst = a.y3, .m = p->images, .n = F1,
        .kb = POOLED / BLOCK, .block_len = BLOCK,
        .epi = ACCEL_EPI_QUANT | ACCEL_EPI_ADD | ACCEL_EPI_RELU, .in_sm = a.fc1_sm, .out_sm = F1,
        .out_sn = 1};
    const matmul_shape fc2 = {
        .layer = ACCEL_LAYER_FC2, .src = a.mx4, .dst = a.y4, .m = p->images, .n = F2,
        .kb = F1 / BLOCK, .block_len = BLOCK, .epi = ACCEL_EPI_QUANT | ACCEL_EPI_ADD,
        .in_sm = a.fc2_sm, .out_sm = F2, .out_sn = 1};
    for (uint32_t b = 0; b < p->images; b++) {
        const accel_desc load = {.op = ACCEL_OP_LOAD, .layer = ACCEL_LAYER_CONV1,
                                 .dram = p->input_dram + b * p->input_stride, .buf = a.in_e,
                                 .bytes = PIXELS * ew};
        if (append(p, &cap, load, err, errlen) != 0 ||
            append(p, &cap, seu(ACCEL_LAYER_CONV1, a.in_e, a.in_mx, PIXELS, 1), err, errlen) != 0 ||
            matmul(p, &cap, &conv1, &w1, b == 0, &conv1_w, l, err, errlen) != 0 ||
            append(p, &cap, seu(ACCEL_LAYER_CONV2, a.y1, a.mx2, H1 * H1, BLOCK), err, errlen) != 0 ||
            matmul(p, &cap, &conv2, &w2, b == 0, &conv2_w, l, err, errlen) != 0 ||
            append(p, &cap, seu(ACCEL_LAYER_FC1, a.pool, a.mx3 + b * a.fc1_sm * s32, POOLED / BLOCK,
                                BLOCK), err, errlen) != 0) {
            return -1;
        }
    }
    if (matmul(p, &cap, &fc1, &w3, true, NULL, l, err, errlen) != 0) {
        return -1;
    }
    for (uint32_t b = 0; b < p->images; b++) {
        if (append(p, &cap, seu(ACCEL_LAYER_FC2, a.y3 + b * F1 * ew, a.mx4 + b * a.fc2_sm * s32,
                                F1 / BLOCK, BLOCK), err, errlen) != 0) {
            return -1;
        }
    }
    const accel_desc softmax = {.op = ACCEL_OP_SOFTMAX, .layer = ACCEL_LAYER_SOFTMAX, .src = a.y4,
                                .dst = a.out, .rows = p->images, .n = CLASSES};
    const accel_desc store = {.op = ACCEL_OP_STORE, .layer = ACCEL_LAYER_SOFTMAX,
                              .dram = p->output_dram, .buf = a.out,
                              .bytes = p->images * CLASSES * ew};
    if (matmul(p, &cap, &fc2, &w4, true, NULL, l, err, errlen) != 0 ||
        append(p, &cap, softmax, err, errlen) != 0 || append(p, &cap, store, err, errlen) != 0) {
        return -1;
    }
    return 0;
}

/* The descriptor table, the DRAM image's last area: what the controller
 * fetches into its descriptor memory before a run. */
static int store_desc_table(accel_program *p, layout *l, char *err, size_t errlen)
{
    if (p->n_descs > (size_t)p->hw.desc_slots) {
        snprintf(err, errlen,
                 "the program needs %zu descriptors; the controller holds %d (desc_slots, "
                 "--desc-slots)",
                 p->n_descs, p->hw.desc_slots);
        return -1;
    }
    const uint32_t at = dram_alloc(l, p->n_descs * ACCEL_DESC_BYTES);
    if (at == UINT32_MAX) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < p->n_descs; i++) {
        accel_desc_encode(&p->descs[i], l->dram + at + i * ACCEL_DESC_BYTES);
    }
    p->desc_dram = at;
    return 0;
}

int accel_compile(const mx_cnn_weights *w, const mx_cnn_config *cfg, const accel_params *hw,
                  uint32_t images, accel_program *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (mx_cnn_config_check(cfg, err, errlen) != 0 || accel_config_check(cfg, err, errlen) != 0) {
        return -1;
    }
    out->hw = *hw;
    out->elem = cfg->elem_fmt;
    out->a_fmt = cfg->a_fmt;
    out->w_fmt = cfg->w_fmt;
    out->round = cfg->round;
    out->images = images;
    if (images == 0 || images > (uint32_t)hw->batch) {
        snprintf(err, errlen, "cannot compile for %u images: batch is %d", images, hw->batch);
        return -1;
    }
    qlayer q[4] = {{0}};
    int status = quantize_layer(cfg, w->conv1_w, w->conv1_b, C1, 1, 9, &q[0]) |
                 quantize_layer(cfg, w->conv2_w, w->conv2_b, C2, C1, 9, &q[1]) |
                 quantize_layer(cfg, w->fc1_w, w->fc1_b, F1, POOLED, 1, &q[2]) |
                 quantize_layer(cfg, w->fc2_w, w->fc2_b, F2, F1, 1, &q[3]);
    layout l = {0};
    if (status != 0) {
        snprintf(err, errlen, "out of memory");
    } else {
        const uint32_t ew = accel_elem_bytes(&cfg->elem_fmt);
        out->input_stride = PIXELS * ew;
        out->output_stride = CLASSES * ew;
        out->input_dram = dram_alloc(&l, (size_t)images * out->input_stride);
        out->output_dram = dram_alloc(&l, (size_t)images * out->output_stride);
        status = out->input_dram == UINT32_MAX || out->output_dram == UINT32_MAX
                     ? (snprintf(err, errlen, "out of memory"), -1)
                     : emit(out, q, &l, err, errlen);
        if (status == 0) {
            status = store_desc_table(out, &l, err, errlen);
        }
    }
    for (int i = 0; i < 4; i++) {
        qlayer_free(&q[i]);
    }
    out->dram = l.dram;
    out->dram_bytes = l.dram_bytes;
    if (status == 0) {
        char msg[512];
        if (accel_program_check(out, msg, sizeof msg) != 0) {
            snprintf(err, errlen, "%s", msg);
            status = -1;
        }
    }
    if (status != 0) {
        accel_program_free(out);
    }
    return status;
}
