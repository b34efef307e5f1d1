/* MATMUL: the output-stationary PE array with its weight DMA and epilogue
 * lanes, cycle by cycle (docs/accelerator.md, "Schedule: MATMUL").
 *
 * PE (r, c) owns output (m0 + r, n0 + c) of a tile and adds one block dot
 * per cycle in K order: the hw profile's fp32 accumulation order. Weight
 * chunks stream into the two halves of the weight buffer while the array
 * works on the other half, each beat written into its half in its cycle. A
 * tile's results leave the array its latency (the buffers' read ports, then
 * the PE) after its last block, wait in the drain register and go through
 * the epilogue lanes, one row per cycle, lane c taking column c. */
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "mxaccel/hw_alu.h"

/* A tile step in the PE pipeline. */
typedef struct token {
    bool valid, last;
    uint32_t m0, n0, rows, cols, slot;
} token;

typedef struct matmul {
    accel_model *m;
    const accel_desc *d;
    accel_layer_counters *c;
    accel_chunk *chunks;
    size_t nchunks;
    unsigned rows, cols, lat, aslot, wslot;
    /* weight DMA */
    size_t next_load;        /* chunk being or to be loaded */
    bool loading;
    uint64_t *ready_at;      /* per chunk: first cycle its data is in the buffer */
    bool *issued;            /* per chunk: its last block step issued */
    /* issue position */
    size_t ci;               /* chunk */
    uint32_t m0, k;          /* row tile, block */
    bool bank_known;
    unsigned bank_left;
    uint32_t *bias;          /* the column tile's bias codes (latched at k == 0) */
    /* pipeline and drain */
    token pipe[ACCEL_ARRAY_LATENCY_BF16];
    uint32_t next_slot;      /* the ring entry of the next finished tile */
    token drain;
    uint32_t drain_row;
    float *drain_bias;       /* the drained tile's biases */
    /* scratch of one block step */
    uint8_t codes[PE_N];
    pe_operand a;
    uint16_t (*a16)[PE_BF16_N], (*w16)[PE_BF16_N];
    uint32_t *slot_of_row;
} matmul;

/* Input pixel index of output m at tap t (convolutions). */
static uint32_t conv_in_pixel(const accel_desc *d, uint32_t m, uint32_t t)
{
    const uint32_t ow = d->in_w - 2;
    uint32_t h, w;
    if (d->order == ACCEL_ORDER_POOL2) {
        const uint32_t win = m / 4, q = m % 4;
        h = 2 * (win / (ow / 2)) + q / 2;
        w = 2 * (win % (ow / 2)) + q % 2;
    } else {
        h = m / ow;
        w = m % ow;
    }
    return (h + t / 3) * d->in_w + w + t % 3;
}

/* Activation block of output row m at block k: its slot index. */
static uint32_t act_slot(const accel_desc *d, uint32_t m, uint32_t k)
{
    if (d->conv) {
        return conv_in_pixel(d, m, k / d->cin_blocks) * d->cin_blocks + k % d->cin_blocks;
    }
    return m * d->in_sm + k;
}

/* Cycles the block step's buffer reads take: the most reads in one bank. */
static unsigned bank_cycles(const matmul *s, uint32_t rows, uint32_t cols)
{
    const unsigned ab = (unsigned)s->m->p->hw.act_banks, wb = (unsigned)s->m->p->hw.wgt_banks;
    unsigned count[256] = {0}, worst = 1;
    for (uint32_t r = 0; r < rows; r++) {
        const unsigned b = s->slot_of_row[r] % ab;
        if (++count[b] > worst) {
            worst = count[b];
        }
    }
    /* the step's weight blocks are consecutive slots */
    const unsigned w = (cols + wb - 1) / wb;
    return w > worst ? w : worst;
}

static void dma_cycle(matmul *s)
{
    accel_model *m = s->m;
    if (!s->loading && s->next_load < s->nchunks &&
        (s->next_load < 2 || s->issued[s->next_load - 2])) {
        accel_dram_start(&m->bus, s->chunks[s->next_load].bytes);
        s->loading = true;
    }
    if (!s->loading) {
        return;
    }
    accel_dma_read_cycle(m, s->c, s->chunks[s->next_load].dram,
                         m->wgt + (s->next_load % 2) * m->wgt_half, &s->c->wgt_writes);
    if (accel_dram_idle(&m->bus)) {
        s->ready_at[s->next_load] = m->cycle + 1;
        s->loading = false;
        s->next_load++;
    }
}

static float from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static uint32_t to_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* One element through an epilogue lane. The ALUs' operations on values of
 * E (hw_alu.h): each ALU's result code is the code of that value, so the
 * model encodes once, at the write. */
static void epilogue(matmul *s, uint32_t mrow, uint32_t col, uint32_t v, float bias)
{
    accel_model *m = s->m;
    const accel_desc *d = s->d;
    const mx_format *e = &m->p->elem;
    if (d->epi & ACCEL_EPI_BIAS32) {
        v = pe_fp32_add(v, to_bits(bias)); /* the lane's fp32 adder */
    }
    float q = mx_hw_alu_quant(e, from_bits(v));
    if (d->epi & ACCEL_EPI_ADD) {
        q = mx_hw_alu_add(e, q, bias);
    }
    if (d->epi & ACCEL_EPI_RELU) {
        q = mx_hw_alu_relu(q);
    }
    uint32_t out_row = mrow;
    if (d->epi & ACCEL_EPI_RMAX4) {
        /* RMAX: the register starts at the window's first element */
        const uint32_t lane = col - s->drain.n0;
        q = mrow % 4 == 0 ? q : mx_hw_alu_max(from_bits(m->rmax[lane]), q);
        m->rmax[lane] = to_bits(q);
        if (mrow % 4 != 3) {
            return;
        }
        out_row = mrow / 4;
    }
    const size_t at = (size_t)out_row * d->out_sm + (size_t)col * d->out_sn;
    accel_put_code(m->act + d->dst + at * m->ew, mx_hw_alu_encode(e, q), m->ew);
    s->c->act_writes++;
}

/* The drain register's next row through the lanes. */
static void drain_cycle(matmul *s)
{
    const token *t = &s->drain;
    const uint32_t *res = s->m->ring + (size_t)t->slot * s->rows * s->cols;
    const uint32_t r = s->drain_row;
    for (uint32_t c = 0; c < t->cols; c++) {
        epilogue(s, t->m0 + r, t->n0 + c, res[r * s->cols + c], s->drain_bias[c]);
    }
    s->c->alu_busy++;
    if (++s->drain_row == t->rows) {
        s->drain.valid = false;
    }
}

/* A finished tile into the drain register; its biases as values of E. */
static void drain_capture(matmul *s, const token *t)
{
    const uint32_t *bias = s->m->ring_bias + (size_t)t->slot * s->cols;
    for (uint32_t c = 0; c < t->cols; c++) {
        s->drain_bias[c] = mx_hw_alu_decode(&s->m->p->elem, bias[c]);
    }
    s->drain = *t;
    s->drain_row = 0;
}

/* One block step of the whole array: R x C block dots, accumulated. */
static void block_step(matmul *s, const accel_chunk *k, uint32_t rows, bool first)
{
    accel_model *m = s->m;
    const accel_desc *d = s->d;
    const uint8_t *half = m->wgt + (s->ci % 2) * m->wgt_half;
    const uint8_t *wbase = half + k->bias_bytes + (size_t)(s->k - k->k0) * k->cw * s->wslot;
    const unsigned n = d->block_len;
    /* the weight operands of block k, decoded once per chunk (every row
     * tile of the chunk reads the same ones): a cache of the model, not of
     * the hardware, whose read port decodes on every read */
    const size_t kk = s->k - k->k0;
    pe_operand *w = m->wdec + kk * s->cols;
    const bool cached = m->wdec_tag[kk] == s->ci + 1;
    for (uint32_t c = 0; c < k->cw; c++) {
        if (m->bf16) {
            accel_slot_unpack_bf16(wbase + (size_t)c * s->wslot, n, s->w16[c]);
        } else if (!cached) {
            const uint8_t scale =
                accel_slot_unpack_mx(&m->p->w_fmt, wbase + (size_t)c * s->wslot, n, s->codes);
            pe_decode_w(&m->pe, scale, s->codes, n, &w[c]);
        }
    }
    m->wdec_tag[kk] = (uint32_t)s->ci + 1;
    for (uint32_t r = 0; r < rows; r++) {
        const uint8_t *a = m->act + d->src + (size_t)s->slot_of_row[r] * s->aslot;
        uint32_t *acc = m->acc + (size_t)r * s->cols;
        if (m->bf16) {
            accel_slot_unpack_bf16(a, n, s->a16[0]);
            for (uint32_t c = 0; c < k->cw; c++) {
                const uint32_t dot = pe_bf16_block_dot(&m->pe16, s->a16[0], s->w16[c]);
                acc[c] = pe_fp32_add(first ? 0u : acc[c], dot);
            }
        } else {
            pe_decode_a(&m->pe, accel_slot_unpack_mx(&m->p->a_fmt, a, n, s->codes), s->codes, n,
                        &s->a);
            for (uint32_t c = 0; c < k->cw; c++) {
                const uint32_t dot = pe_operand_dot(&m->pe, &s->a, &w[c]);
                acc[c] = pe_fp32_add(first ? 0u : acc[c], dot);
            }
        }
    }
    s->c->macs += (uint64_t)rows * k->cw * n;
    s->c->act_reads += rows;
    s->c->wgt_reads += k->cw;
}

/* The array's issue stage for this cycle: a block step, or why not. */
static token issue(matmul *s)
{
    token t = {0};
    if (s->ci >= s->nchunks) {
        return t;
    }
    accel_model *m = s->m;
    const accel_desc *d = s->d;
    const accel_chunk *k = &s->chunks[s->ci];
    if (s->ready_at[s->ci] == 0 || s->ready_at[s->ci] > m->cycle) {
        s->c->array_wait_dram++;
        return t;
    }
    const uint32_t rows = d->m - s->m0 < s->rows ? d->m - s->m0 : s->rows;
    if (!s->bank_known) {
        for (uint32_t r = 0; r < rows; r++) {
            s->slot_of_row[r] = act_slot(d, s->m0 + r, s->k);
        }
        s->bank_left = bank_cycles(s, rows, k->cw) - 1;
        s->bank_known = true;
    }
    if (s->bank_left > 0) {
        s->bank_left--;
        s->c->array_wait_bank++;
        return t;
    }
    s->bank_known = false;
    const bool first = s->k == 0;
    if (first) {
        /* the column tile's biases travel with its tiles */
        const uint8_t *half = m->wgt + (s->ci % 2) * m->wgt_half;
        for (uint32_t c = 0; c < k->cw; c++) {
            s->bias[c] = accel_get_code(half + (size_t)c * m->ew, m->ew);
        }
        s->c->wgt_reads += k->cw;
    }
    block_step(s, k, rows, first);
    s->c->array_busy++;
    t = (token){.valid = true, .last = s->k == d->kb - 1, .m0 = s->m0, .n0 = k->n0, .rows = rows,
                .cols = k->cw};
    if (t.last) {
        t.slot = s->next_slot;
        s->next_slot = (s->next_slot + 1) % ACCEL_RING_ENTRIES;
        memcpy(m->ring + (size_t)t.slot * s->rows * s->cols, m->acc,
               (size_t)s->rows * s->cols * sizeof *m->acc);
        memcpy(m->ring_bias + (size_t)t.slot * s->cols, s->bias, s->cols * sizeof *s->bias);
    }
    /* next position: blocks of the chunk, then row tiles, then chunks */
    if (++s->k == k->k0 + k->kn) {
        s->k = k->k0;
        s->m0 += s->rows;
        if (s->m0 >= d->m || k->kn < d->kb) {
            s->issued[s->ci] = true;
            s->m0 = 0; /* a chunk split along K has one row tile */
            s->ci++;
            if (s->ci < s->nchunks) {
                s->k = s->chunks[s->ci].k0;
            }
        }
    }
    return t;
}

static bool pipe_empty(const matmul *s)
{
    for (unsigned i = 0; i < s->lat; i++) {
        if (s->pipe[i].valid) {
            return false;
        }
    }
    return true;
}

static int setup(matmul *s, accel_model *m, const accel_desc *d)
{
    memset(s, 0, sizeof *s);
    s->m = m;
    s->d = d;
    s->c = &m->c->layer[d->layer];
    s->rows = (unsigned)m->p->hw.rows;
    s->cols = (unsigned)m->p->hw.cols;
    s->lat = m->bf16 ? ACCEL_ARRAY_LATENCY_BF16 : ACCEL_ARRAY_LATENCY_MX;
    s->aslot = accel_slot_bytes(&m->p->a_fmt, d->block_len);
    s->wslot = accel_slot_bytes(&m->p->w_fmt, d->block_len);
    s->chunks = accel_matmul_chunks(m->p, d, &s->nchunks);
    s->ready_at = calloc(s->nchunks, sizeof *s->ready_at);
    s->issued = calloc(s->nchunks, sizeof *s->issued);
    s->bias = calloc(s->cols, sizeof *s->bias);
    s->drain_bias = calloc(s->cols, sizeof *s->drain_bias);
    /* the model's cache of decoded weight operands: chunk_k x cols */
    if ((size_t)d->chunk_k * s->cols > m->wdec_cap) {
        free(m->wdec);
        free(m->wdec_tag);
        m->wdec_cap = (size_t)d->chunk_k * s->cols;
        m->wdec = malloc(m->wdec_cap * sizeof *m->wdec);
        m->wdec_tag = malloc(d->chunk_k * sizeof *m->wdec_tag);
    }
    if (m->wdec_tag) {
        memset(m->wdec_tag, 0, d->chunk_k * sizeof *m->wdec_tag);
    }
    s->a16 = calloc(1, sizeof *s->a16);
    s->w16 = calloc(s->cols, sizeof *s->w16);
    s->slot_of_row = calloc(s->rows, sizeof *s->slot_of_row);
    return s->chunks && s->ready_at && s->issued && s->bias && s->drain_bias && m->wdec && m->wdec_tag && s->a16 && s->w16 && s->slot_of_row
               ? 0
               : -1;
}

static void teardown(matmul *s)
{
    free(s->chunks);
    free(s->ready_at);
    free(s->issued);
    free(s->bias);
    free(s->drain_bias);
    free(s->a16);
    free(s->w16);
    free(s->slot_of_row);
}

void accel_exec_matmul(accel_model *m, const accel_desc *d)
{
    matmul s;
    if (setup(&s, m, d) != 0) {
        abort(); /* a few KiB; the program was checked */
    }
    s.k = s.nchunks ? s.chunks[0].k0 : 0;
    for (;;) {
        dma_cycle(&s);
        const bool drain_ready = !s.drain.valid || s.drain_row + 1 == s.drain.rows;
        const bool drained = s.drain.valid;
        if (drained) {
            drain_cycle(&s);
        }
        const token out = s.pipe[s.lat - 1];
        if (out.valid && out.last && !drain_ready) {
            s.c->array_wait_drain++; /* the whole array holds */
        } else {
            if (out.valid && out.last) {
                drain_capture(&s, &out);
            }
            memmove(&s.pipe[1], &s.pipe[0], (s.lat - 1) * sizeof s.pipe[0]);
            s.pipe[0] = issue(&s);
        }
        const bool done = s.ci >= s.nchunks && pipe_empty(&s) && !s.drain.valid;
        accel_end_cycle(m);
        if (done) {
            /* a row that entered the lanes in this cycle is written
             * ACCEL_EPI_LATENCY cycles later; with none, the matmul ends now */
            for (unsigned i = 0; drained && i < ACCEL_EPI_LATENCY; i++) {
                accel_end_cycle(m);
            }
            break;
        }
    }
    teardown(&s);
}
