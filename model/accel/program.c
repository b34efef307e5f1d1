/* Program layout rules, checking and the program.txt / dram.bin files; see
 * program.h and docs/accelerator.md, "Layer program". */
#include "program.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "mxaccel/hw_alu.h"
#include "mxaccel/mx_pack.h"

static const char *const kOpNames[ACCEL_OP_COUNT] = {"load", "seu", "matmul", "softmax", "store"};
static const char *const kLayerNames[ACCEL_LAYER_COUNT] = {"conv1", "conv2", "fc1", "fc2",
                                                           "softmax"};

typedef struct field_info {
    const char *name;
    size_t offset;
} field_info;

static const field_info kFields[] = {
#define ACCEL_FIELD(name) {#name, offsetof(accel_desc, name)},
#include "program_fields.def"
#undef ACCEL_FIELD
};
enum { N_FIELDS = sizeof kFields / sizeof kFields[0] };
_Static_assert((size_t)N_FIELDS == (size_t)ACCEL_DESC_WORDS, "accel_desc holds exactly its fields");

static uint32_t *field_ref(accel_desc *d, size_t i)
{
    return (uint32_t *)((char *)d + kFields[i].offset);
}

void accel_desc_encode(const accel_desc *d, uint8_t *dst)
{
    for (size_t i = 0; i < N_FIELDS; i++, dst += 4) {
        const uint32_t v = *(const uint32_t *)((const char *)d + kFields[i].offset);
        for (int b = 0; b < 4; b++) {
            dst[b] = (uint8_t)(v >> 8 * b);
        }
    }
}

const char *accel_op_name(accel_op op)
{
    return (unsigned)op < ACCEL_OP_COUNT ? kOpNames[op] : "?";
}

const char *accel_layer_name(accel_layer l)
{
    return (unsigned)l < ACCEL_LAYER_COUNT ? kLayerNames[l] : "?";
}

void accel_program_free(accel_program *p)
{
    free(p->descs);
    free(p->dram);
    p->descs = NULL;
    p->dram = NULL;
    p->n_descs = 0;
    p->dram_bytes = 0;
}

unsigned accel_elem_bytes(const mx_format *e)
{
    return e->storage_bits <= 8 ? 1u : 2u;
}

bool accel_is_bf16(const mx_format *f)
{
    return f->id == MX_FMT_BFLOAT16;
}

unsigned accel_slot_bytes(const mx_format *f, unsigned n)
{
    return accel_is_bf16(f) ? 2u * n : (unsigned)mx_packed_block_bytes(f, n);
}

accel_chunk *accel_matmul_chunks(const accel_program *p, const accel_desc *d, size_t *n)
{
    const uint32_t cols = (uint32_t)p->hw.cols;
    const uint32_t nt = (d->n + cols - 1) / cols;
    const uint32_t kq = d->chunk_k ? (d->kb + d->chunk_k - 1) / d->chunk_k : 0;
    *n = (size_t)nt * kq;
    accel_chunk *c = calloc(*n ? *n : 1, sizeof *c);
    if (!c) {
        return NULL;
    }
    const uint32_t ew = accel_elem_bytes(&p->elem);
    const uint32_t ws = accel_slot_bytes(&p->w_fmt, d->block_len);
    uint64_t at = d->dram;
    size_t i = 0;
    for (uint32_t j = 0; j < nt; j++) {
        for (uint32_t q = 0; q < kq; q++, i++) {
            accel_chunk *k = &c[i];
            k->n0 = j * cols;
            k->cw = d->n - k->n0 < cols ? d->n - k->n0 : cols;
            k->k0 = q * d->chunk_k;
            k->kn = d->kb - k->k0 < d->chunk_k ? d->kb - k->k0 : d->chunk_k;
            k->bias_bytes = q == 0 ? k->cw * ew : 0;
            k->bytes = k->bias_bytes + k->kn * k->cw * ws;
            k->dram = (uint32_t)at;
            at += k->bytes;
        }
    }
    return c;
}

/* ---- checking ---------------------------------------------------------- */

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* [start, start + len) inside [0, size) */
static bool inside(uint64_t start, uint64_t len, uint64_t size)
{
    return start <= size && len <= size - start;
}

static int check_formats(const accel_program *p, char *err, size_t errlen)
{
    if (!mx_hw_alu_format_ok(&p->elem)) {
        return fail(err, errlen,
                    "elementwise format %s is not one the ALU has (fp7..fp16, bfloat10..bfloat16)",
                    p->elem.name);
    }
    const bool abf = accel_is_bf16(&p->a_fmt), wbf = accel_is_bf16(&p->w_fmt);
    if (abf != wbf) {
        return fail(err, errlen,
                    "matmul formats %s x %s: the PE multiplies two MX element formats or two "
                    "bfloat16 operands, not one of each",
                    p->a_fmt.name, p->w_fmt.name);
    }
    if (!abf && (!p->a_fmt.mx_element || !p->w_fmt.mx_element || p->a_fmt.id > MX_FMT_FP4_E2M1 ||
                 p->w_fmt.id > MX_FMT_FP4_E2M1)) {
        return fail(err, errlen, "matmul formats %s x %s: not MX element formats of the PE",
                    p->a_fmt.name, p->w_fmt.name);
    }
    if ((unsigned)p->round >= MX_ROUND_COUNT) {
        return fail(err, errlen, "unknown MX rounding %d", (int)p->round);
    }
    return 0;
}

static int check_params(const accel_params *hw, char *err, size_t errlen)
{
    size_t n;
    const accel_param_info *t = accel_param_table(&n);
    for (size_t i = 0; i < n; i++) {
        const int v = accel_param_get(hw, &t[i]);
        if (v < t[i].lo || v > t[i].hi) {
            return fail(err, errlen, "hardware parameter %s = %d is outside %d..%d", t[i].name, v,
                        t[i].lo, t[i].hi);
        }
    }
    return 0;
}

static int check_matmul(const accel_program *p, size_t i, const accel_desc *d, char *err,
                        size_t errlen)
{
    const uint64_t act = (uint64_t)p->hw.act_buf_kib * 1024;
    const uint64_t half = (uint64_t)p->hw.wgt_buf_kib * 1024 / 2;
    const char *ln = accel_layer_name((accel_layer)d->layer);
    if (d->m == 0 || d->n == 0 || d->kb == 0 || (d->block_len != 1 && d->block_len != 32)) {
        return fail(err, errlen, "descriptor %zu (%s matmul): m, n, kb must be >= 1 and block_len 1 or 32",
                    i, ln);
    }
    if (!(d->epi & ACCEL_EPI_QUANT) || (d->epi & ~31u) ||
        ((d->epi & ACCEL_EPI_BIAS32) && (d->epi & ACCEL_EPI_ADD))) {
        return fail(err, errlen, "descriptor %zu (%s matmul): epilogue bits %u are not a valid chain",
                    i, ln, d->epi);
    }
    /* each lane has two ALUs after QUANT's */
    const unsigned alu_ops = !!(d->epi & ACCEL_EPI_ADD) + !!(d->epi & ACCEL_EPI_RELU) +
                             !!(d->epi & ACCEL_EPI_RMAX4);
    if (alu_ops > 2) {
        return fail(err, errlen,
                    "descriptor %zu (%s matmul): epilogue bits %u chain ADD, RELU and RMAX4; "
                    "a lane has two ALUs after QUANT",
                    i, ln, d->epi);
    }
    uint64_t in_slots, out_codes;
    uint64_t rows_out = d->m;
    if (d->conv) {
        const uint32_t ow = d->in_w >= 3 ? d->in_w - 2 : 0;
        if (ow == 0 || d->m != ow * ow || d->cin_blocks == 0 || d->kb != 9 * d->cin_blocks ||
            d->order > ACCEL_ORDER_POOL2 || (d->order == ACCEL_ORDER_POOL2 && ow % 2)) {
            return fail(err, errlen,
                        "descriptor %zu (%s matmul): convolution shape in_w=%u m=%u kb=%u "
                        "cin_blocks=%u order=%u is inconsistent",
                        i, ln, d->in_w, d->m, d->kb, d->cin_blocks, d->order);
        }
        in_slots = (uint64_t)d->in_w * d->in_w * d->cin_blocks;
    } else {
        if (d->in_sm < d->kb) {
            return fail(err, errlen, "descriptor %zu (%s matmul): in_sm %u is below kb %u", i, ln,
                        d->in_sm, d->kb);
        }
        in_slots = (uint64_t)(d->m - 1) * d->in_sm + d->kb;
    }
    if (d->epi & ACCEL_EPI_RMAX4) {
        if (!d->conv || d->order != ACCEL_ORDER_POOL2) {
            return fail(err, errlen, "descriptor %zu (%s matmul): pooling needs a convolution in pool order",
                        i, ln);
        }
        rows_out = d->m / 4;
    }
    out_codes = (rows_out - 1) * d->out_sm + (uint64_t)(d->n - 1) * d->out_sn + 1;
    const uint64_t as = accel_slot_bytes(&p->a_fmt, d->block_len);
    if (!inside(d->src, in_slots * as, act)) {
        return fail(err, errlen, "descriptor %zu (%s matmul): input blocks (%" PRIu64
                    " bytes at %u) do not fit the %" PRIu64 "-byte activation buffer",
                    i, ln, in_slots * as, d->src, act);
    }
    if (!inside(d->dst, out_codes * accel_elem_bytes(&p->elem), act)) {
        return fail(err, errlen, "descriptor %zu (%s matmul): output (%" PRIu64
                    " bytes at %u) does not fit the %" PRIu64 "-byte activation buffer",
                    i, ln, out_codes * accel_elem_bytes(&p->elem), d->dst, act);
    }
    if (d->chunk_k == 0 || d->chunk_k > d->kb) {
        return fail(err, errlen, "descriptor %zu (%s matmul): chunk_k %u is outside 1..%u", i, ln,
                    d->chunk_k, d->kb);
    }
    if (d->chunk_k < d->kb && d->m > (uint32_t)p->hw.rows) {
        return fail(err, errlen,
                    "descriptor %zu (%s matmul): weights split along K (chunk_k %u < kb %u) need "
                    "m <= rows (%u > %d)",
                    i, ln, d->chunk_k, d->kb, d->m, p->hw.rows);
    }
    size_t nc;
    accel_chunk *c = accel_matmul_chunks(p, d, &nc);
    if (!c) {
        return fail(err, errlen, "out of memory");
    }
    int status = 0;
    for (size_t k = 0; k < nc && status == 0; k++) {
        if (c[k].bytes > half) {
            status = fail(err, errlen,
                          "descriptor %zu (%s matmul): weight chunk %zu (%u bytes) does not fit "
                          "half the weight buffer (%" PRIu64 " bytes)",
                          i, ln, k, c[k].bytes, half);
        } else if (!inside(c[k].dram, c[k].bytes, p->dram_bytes)) {
            status = fail(err, errlen,
                          "descriptor %zu (%s matmul): weight chunk %zu (%u bytes at %u) lies "
                          "outside the %zu-byte DRAM image",
                          i, ln, k, c[k].bytes, c[k].dram, p->dram_bytes);
        }
    }
    free(c);
    return status;
}

static int check_desc(const accel_program *p, size_t i, const accel_desc *d, char *err,
                      size_t errlen)
{
    const uint64_t act = (uint64_t)p->hw.act_buf_kib * 1024;
    const unsigned ew = accel_elem_bytes(&p->elem);
    if (d->op >= ACCEL_OP_COUNT || d->layer >= ACCEL_LAYER_COUNT) {
        return fail(err, errlen, "descriptor %zu: unknown op %u or layer %u", i, d->op, d->layer);
    }
    const char *ln = accel_layer_name((accel_layer)d->layer);
    switch ((accel_op)d->op) {
        case ACCEL_OP_LOAD:
        case ACCEL_OP_STORE:
            if (d->bytes == 0) {
                return fail(err, errlen, "descriptor %zu (%s %s): moves 0 bytes", i, ln,
                            accel_op_name((accel_op)d->op));
            }
            if (!inside(d->buf, d->bytes, act)) {
                return fail(err, errlen, "descriptor %zu (%s %s): %u bytes at %u do not fit the %" PRIu64
                            "-byte activation buffer", i, ln, accel_op_name((accel_op)d->op),
                            d->bytes, d->buf, act);
            }
            if (!inside(d->dram, d->bytes, p->dram_bytes)) {
                return fail(err, errlen, "descriptor %zu (%s %s): %u bytes at %u lie outside the "
                            "%zu-byte DRAM image", i, ln, accel_op_name((accel_op)d->op),
                            d->bytes, d->dram, p->dram_bytes);
            }
            return 0;
        case ACCEL_OP_SEU:
            if (d->blocks == 0 || (d->block_len != 1 && d->block_len != 32)) {
                return fail(err, errlen, "descriptor %zu (%s seu): blocks must be >= 1 and block_len 1 or 32",
                            i, ln);
            }
            if (!inside(d->src, (uint64_t)d->blocks * d->block_len * ew, act) ||
                !inside(d->dst, (uint64_t)d->blocks * accel_slot_bytes(&p->a_fmt, d->block_len), act)) {
                return fail(err, errlen, "descriptor %zu (%s seu): %u blocks do not fit the %" PRIu64
                            "-byte activation buffer", i, ln, d->blocks, act);
            }
            return 0;
        case ACCEL_OP_MATMUL:
            return check_matmul(p, i, d, err, errlen);
        case ACCEL_OP_SOFTMAX:
            if (d->rows == 0 || d->n == 0 || d->n > 64 || !inside(d->src, (uint64_t)d->rows * d->n * ew, act) ||
                !inside(d->dst, (uint64_t)d->rows * d->n * ew, act)) {
                return fail(err, errlen, "descriptor %zu (%s softmax): %u rows of %u (1..64) do not fit the %"
                            PRIu64 "-byte activation buffer", i, ln, d->rows, d->n, act);
            }
            return 0;
        case ACCEL_OP_COUNT:
            break;
    }
    return 0;
}

/* The table the controller fetches: inside the image, equal to the descriptors. */
static int check_desc_table(const accel_program *p, char *err, size_t errlen)
{
    const uint64_t bytes = (uint64_t)p->n_descs * ACCEL_DESC_BYTES;
    if (!inside(p->desc_dram, bytes, p->dram_bytes)) {
        return fail(err, errlen,
                    "the descriptor table (%" PRIu64 " bytes at %u) lies outside the %zu-byte "
                    "DRAM image", bytes, p->desc_dram, p->dram_bytes);
    }
    for (size_t i = 0; i < p->n_descs; i++) {
        uint8_t enc[ACCEL_DESC_BYTES];
        accel_desc_encode(&p->descs[i], enc);
        const uint64_t at = p->desc_dram + (uint64_t)i * ACCEL_DESC_BYTES;
        if (memcmp(p->dram + at, enc, sizeof enc) != 0) {
            return fail(err, errlen,
                        "descriptor %zu differs from its copy in the DRAM image's descriptor "
                        "table (at %" PRIu64 ")", i, at);
        }
    }
    return 0;
}

int accel_program_check(const accel_program *p, char *err, size_t errlen)
{
    if (check_params(&p->hw, err, errlen) != 0 || check_formats(p, err, errlen) != 0) {
        return -1;
    }
    if (p->images == 0 || p->images > (uint32_t)p->hw.batch) {
        return fail(err, errlen, "program runs %u images; batch allows 1..%d", p->images,
                    p->hw.batch);
    }
    const unsigned ew = accel_elem_bytes(&p->elem);
    if (!inside(p->input_dram, (uint64_t)p->images * p->input_stride, p->dram_bytes) ||
        p->input_stride < 784u * ew ||
        !inside(p->output_dram, (uint64_t)p->images * p->output_stride, p->dram_bytes) ||
        p->output_stride < 10u * ew) {
        return fail(err, errlen, "input or output area lies outside the %zu-byte DRAM image",
                    p->dram_bytes);
    }
    if (p->n_descs == 0) {
        return fail(err, errlen, "the program has no descriptors");
    }
    if (p->n_descs > (size_t)p->hw.desc_slots) {
        return fail(err, errlen,
                    "the program has %zu descriptors; the controller holds desc_slots = %d",
                    p->n_descs, p->hw.desc_slots);
    }
    for (size_t i = 0; i < p->n_descs; i++) {
        if (check_desc(p, i, &p->descs[i], err, errlen) != 0) {
            return -1;
        }
    }
    return check_desc_table(p, err, errlen);
}

/* ---- files --------------------------------------------------------------- */

static uint32_t dram_crc(const accel_program *p)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t done = 0;
    while (done < p->dram_bytes) {
        const size_t part = p->dram_bytes - done < (1u << 30) ? p->dram_bytes - done : (1u << 30);
        crc = crc32(crc, p->dram + done, (uInt)part);
        done += part;
    }
    return (uint32_t)crc;
}

static void path_join(char *out, size_t len, const char *dir, const char *name)
{
    snprintf(out, len, "%s/%s", dir, name);
}

int accel_program_write(const accel_program *p, const char *dir, char *err, size_t errlen)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        return fail(err, errlen, "%s: cannot create directory: %s", dir, strerror(errno));
    }
    char path[4096];
    path_join(path, sizeof path, dir, "dram.bin");
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p->dram, 1, p->dram_bytes, f) != p->dram_bytes || fclose(f) != 0) {
        return fail(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    }
    path_join(path, sizeof path, dir, "program.txt");
    f = fopen(path, "w");
    if (!f) {
        return fail(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    }
    fprintf(f, "mxaccel-program %d\n", ACCEL_PROGRAM_VERSION);
    fprintf(f, "hw");
    size_t np;
    const accel_param_info *t = accel_param_table(&np);
    for (size_t i = 0; i < np; i++) {
        fprintf(f, " %s=%d", t[i].name, accel_param_get(&p->hw, &t[i]));
    }
    fprintf(f, "\nformats elem=%s a=%s w=%s round=%s\n", p->elem.name, p->a_fmt.name,
            p->w_fmt.name, mx_round_name(p->round));
    fprintf(f, "images %u\n", p->images);
    fprintf(f, "input dram=%u stride=%u\n", p->input_dram, p->input_stride);
    fprintf(f, "output dram=%u stride=%u\n", p->output_dram, p->output_stride);
    fprintf(f, "dram bytes=%zu crc32=%08" PRIx32 "\n", p->dram_bytes, dram_crc(p));
    fprintf(f, "descs %zu dram=%u\n", p->n_descs, p->desc_dram);
    for (size_t i = 0; i < p->n_descs; i++) {
        accel_desc d = p->descs[i];
        fprintf(f, "desc op=%s layer=%s", accel_op_name((accel_op)d.op),
                accel_layer_name((accel_layer)d.layer));
        for (size_t k = 2; k < N_FIELDS; k++) {
            fprintf(f, " %s=%" PRIu32, kFields[k].name, *field_ref(&d, k));
        }
        fputc('\n', f);
    }
    if (ferror(f) | (fclose(f) != 0)) {
        return fail(err, errlen, "%s: write error", path);
    }
    return 0;
}

/* One line's words: "key=value" pairs after a keyword. */
typedef struct reader {
    FILE *f;
    const char *path;
    int line;
    char buf[2048];
    char *word[64];
    int nwords;
} reader;

/* Next line split into words: 0, 1 at the end of the file, or -1 with a
 * message for a line cut short (the file ends inside it) or too long. */
static int next_line(reader *r, char *err, size_t errlen)
{
    if (!fgets(r->buf, sizeof r->buf, r->f)) {
        return 1;
    }
    r->line++;
    if (!strchr(r->buf, '\n')) {
        return fail(err, errlen, feof(r->f) ? "%s:%d: truncated: the file ends inside a line"
                                            : "%s:%d: line too long",
                    r->path, r->line);
    }
    r->nwords = 0;
    for (char *s = strtok(r->buf, " \t\r\n"); s && r->nwords < 64; s = strtok(NULL, " \t\r\n")) {
        r->word[r->nwords++] = s;
    }
    return 0;
}

static int expect(reader *r, const char *keyword, int words, char *err, size_t errlen)
{
    const int got = next_line(r, err, errlen);
    if (got != 0) {
        if (got < 0) {
            return -1;
        }
        return r->line == 0 ? fail(err, errlen, "%s: empty file", r->path)
                            : fail(err, errlen, "%s: truncated: expected the '%s' line after line %d",
                                   r->path, keyword, r->line);
    }
    if (r->nwords < 1 || strcmp(r->word[0], keyword) != 0 || (words >= 0 && r->nwords != words)) {
        return fail(err, errlen, "%s:%d: expected the '%s' line", r->path, r->line, keyword);
    }
    return 0;
}

static bool parse_u32(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    const unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || errno || v > UINT32_MAX || *s == '-') {
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

/* value of "key=value" word w for key, or NULL */
static const char *value_of(const char *w, const char *key)
{
    const size_t n = strlen(key);
    return strncmp(w, key, n) == 0 && w[n] == '=' ? w + n + 1 : NULL;
}

static int get_u32(reader *r, int i, const char *key, uint32_t *out, char *err, size_t errlen)
{
    const char *v = i < r->nwords ? value_of(r->word[i], key) : NULL;
    if (!v || !parse_u32(v, out)) {
        return fail(err, errlen, "%s:%d: expected %s=<unsigned integer>", r->path, r->line, key);
    }
    return 0;
}

static int get_format(reader *r, int i, const char *key, mx_format *f, char *err, size_t errlen)
{
    const char *v = i < r->nwords ? value_of(r->word[i], key) : NULL;
    if (!v || mx_format_from_name(v, f, NULL, 0) != 0) {
        return fail(err, errlen, "%s:%d: expected %s=<format name>", r->path, r->line, key);
    }
    return 0;
}

static int read_name(reader *r, int i, const char *key, const char *const *names, int n,
                     uint32_t *out, char *err, size_t errlen)
{
    const char *v = i < r->nwords ? value_of(r->word[i], key) : NULL;
    for (int k = 0; v && k < n; k++) {
        if (strcmp(v, names[k]) == 0) {
            *out = (uint32_t)k;
            return 0;
        }
    }
    return v ? fail(err, errlen, "%s:%d: unknown %s '%.40s'", r->path, r->line, key, v)
             : fail(err, errlen, "%s:%d: missing %s=", r->path, r->line, key);
}

static int read_header(reader *r, accel_program *p, uint32_t *dram_bytes, uint32_t *crc,
                       uint32_t *ndescs, char *err, size_t errlen)
{
    uint32_t version = 0;
    if (expect(r, "mxaccel-program", -1, err, errlen) != 0) {
        return -1;
    }
    if (r->nwords != 2 || !parse_u32(r->word[1], &version)) {
        return fail(err, errlen, "%s: not an mxaccel program (no 'mxaccel-program <version>' line)",
                    r->path);
    }
    if (version != ACCEL_PROGRAM_VERSION) {
        return fail(err, errlen, "%s:1: program version %u; this mxaccel reads version %d",
                    r->path, version, ACCEL_PROGRAM_VERSION);
    }
    size_t np;
    const accel_param_info *t = accel_param_table(&np);
    if (expect(r, "hw", (int)np + 1, err, errlen) != 0) {
        return -1;
    }
    for (size_t i = 0; i < np; i++) {
        uint32_t v;
        if (get_u32(r, (int)i + 1, t[i].name, &v, err, errlen) != 0) {
            return -1;
        }
        *accel_param_ref(&p->hw, &t[i]) = v > INT32_MAX ? -1 : (int)v;
    }
    if (expect(r, "formats", 5, err, errlen) != 0 ||
        get_format(r, 1, "elem", &p->elem, err, errlen) != 0 ||
        get_format(r, 2, "a", &p->a_fmt, err, errlen) != 0 ||
        get_format(r, 3, "w", &p->w_fmt, err, errlen) != 0) {
        return -1;
    }
    const char *rv = value_of(r->word[4], "round");
    if (!rv || mx_round_from_name(rv, &p->round) != 0) {
        return fail(err, errlen, "%s:%d: expected round=<nearest|floor|even>", r->path, r->line);
    }
    if (expect(r, "images", -1, err, errlen) != 0) {
        return -1;
    }
    if (r->nwords != 2 || !parse_u32(r->word[1], &p->images)) {
        return fail(err, errlen, "%s:%d: expected 'images <count>'", r->path, r->line);
    }
    if (expect(r, "input", 3, err, errlen) != 0 ||
        get_u32(r, 1, "dram", &p->input_dram, err, errlen) != 0 ||
        get_u32(r, 2, "stride", &p->input_stride, err, errlen) != 0 ||
        expect(r, "output", 3, err, errlen) != 0 ||
        get_u32(r, 1, "dram", &p->output_dram, err, errlen) != 0 ||
        get_u32(r, 2, "stride", &p->output_stride, err, errlen) != 0 ||
        expect(r, "dram", 3, err, errlen) != 0 ||
        get_u32(r, 1, "bytes", dram_bytes, err, errlen) != 0) {
        return -1;
    }
    const char *cv = value_of(r->word[2], "crc32");
    char *end = NULL;
    const unsigned long c = cv ? strtoul(cv, &end, 16) : 0;
    if (!cv || end == cv || *end || strlen(cv) != 8) {
        return fail(err, errlen, "%s:%d: expected crc32=<8 hex digits>", r->path, r->line);
    }
    *crc = (uint32_t)c;
    if (expect(r, "descs", -1, err, errlen) != 0) {
        return -1;
    }
    if (r->nwords != 3 || !parse_u32(r->word[1], ndescs) || *ndescs == 0 || *ndescs > 1000000) {
        return fail(err, errlen,
                    "%s:%d: expected 'descs <count> dram=<address>' (count 1..1000000)", r->path,
                    r->line);
    }
    return get_u32(r, 2, "dram", &p->desc_dram, err, errlen);
}

static int read_descs(reader *r, accel_program *p, uint32_t ndescs, char *err, size_t errlen)
{
    p->descs = calloc(ndescs, sizeof *p->descs);
    if (!p->descs) {
        return fail(err, errlen, "out of memory");
    }
    for (uint32_t i = 0; i < ndescs; i++) {
        const int got = next_line(r, err, errlen);
        if (got != 0) {
            return got < 0 ? -1
                           : fail(err, errlen, "%s: truncated: %u descriptors announced, %u found",
                                  r->path, ndescs, i);
        }
        if (r->nwords != (int)N_FIELDS + 1 || strcmp(r->word[0], "desc") != 0) {
            return fail(err, errlen, "%s:%d: expected 'desc' with %d fields", r->path, r->line,
                        (int)N_FIELDS);
        }
        accel_desc *d = &p->descs[i];
        if (read_name(r, 1, "op", kOpNames, ACCEL_OP_COUNT, &d->op, err, errlen) != 0 ||
            read_name(r, 2, "layer", kLayerNames, ACCEL_LAYER_COUNT, &d->layer, err, errlen) != 0) {
            return -1;
        }
        for (size_t k = 2; k < N_FIELDS; k++) {
            if (get_u32(r, (int)k + 1, kFields[k].name, field_ref(d, k), err, errlen) != 0) {
                return -1;
            }
        }
        p->n_descs = i + 1;
    }
    if (next_line(r, err, errlen) != 1) {
        return fail(err, errlen, "%s:%d: text after the last of %u descriptors", r->path, r->line,
                    ndescs);
    }
    return 0;
}

static int read_dram(const char *dir, accel_program *p, uint32_t bytes, uint32_t crc, char *err,
                     size_t errlen)
{
    char path[4096];
    path_join(path, sizeof path, dir, "dram.bin");
    FILE *f = fopen(path, "rb");
    if (!f) {
        return fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    }
    p->dram = malloc(bytes ? bytes : 1);
    if (!p->dram) {
        fclose(f);
        return fail(err, errlen, "out of memory");
    }
    const size_t got = fread(p->dram, 1, bytes, f);
    const int extra = fgetc(f);
    fclose(f);
    if (got != bytes || extra != EOF) {
        return fail(err, errlen, "%s: %s: the program says %u bytes", path,
                    got != bytes ? "truncated" : "longer than expected", bytes);
    }
    p->dram_bytes = bytes;
    if (dram_crc(p) != crc) {
        return fail(err, errlen, "%s: CRC-32 %08" PRIx32 " does not match the program's %08" PRIx32,
                    path, dram_crc(p), crc);
    }
    return 0;
}

int accel_program_read(const char *dir, accel_program *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    char path[4096];
    path_join(path, sizeof path, dir, "program.txt");
    reader r = {.f = fopen(path, "r"), .path = path};
    if (!r.f) {
        return fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    }
    uint32_t bytes = 0, crc = 0, ndescs = 0;
    int status = read_header(&r, p, &bytes, &crc, &ndescs, err, errlen);
    if (status == 0) {
        status = read_descs(&r, p, ndescs, err, errlen);
    }
    fclose(r.f);
    if (status == 0) {
        status = read_dram(dir, p, bytes, crc, err, errlen);
    }
    if (status == 0) {
        char msg[512];
        if (accel_program_check(p, msg, sizeof msg) != 0) {
            status = fail(err, errlen, "%s: %s", path, msg);
        }
    }
    if (status != 0) {
        accel_program_free(p);
    }
    return status;
}
