/**
 * @file quant_run.c
 * Batch loops of `mxaccel quant` (see quant_run.h).
 *
 * Memory stays bounded for any input length: words are read, quantized and
 * formatted a batch at a time. MX batches hold whole blocks, so splitting the
 * axis into batches gives the same blocks as quantizing it in one piece.
 */
#include "quant_run.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_report.h"
#include "hex_format.h"
#include "mxaccel/mx_pack.h"

enum {
    kBatchWords = 1 << 16,
    kLineChunkWords = 4096, /**< elementwise words formatted per reserve */
};

static const char kCmd[] = "quant";

static int report_read_error(const hex_reader_t *in)
{
    return cli_error(kCmd, kCliExitInput, "%s", in->msg);
}

static int report_write_error(const out_buf_t *out)
{
    return cli_error(kCmd, kCliExitInput, "write error: %s", strerror(out->err));
}

/** Print vals as words, per_line to a line; returns 0 or -1 on a write error. */
static int emit_words(out_buf_t *out, const float *vals, size_t n, size_t per_line)
{
    size_t i = 0;
    while (i < n) {
        size_t line = n - i < per_line ? n - i : per_line;
        char *p = out_buf_space(out, line * 9);
        if (p == NULL) {
            return -1;
        }
        for (size_t j = 0; j < line; ++j) {
            uint32_t bits;
            memcpy(&bits, &vals[i + j], sizeof(bits));
            p = hex_put_u32(p, bits);
            *p++ = ' ';
        }
        p[-1] = '\n';
        out_buf_commit(out, p);
        i += line;
    }
    return 0;
}

int quant_run_elemwise(const mx_elem_spec *spec, hex_reader_t *in, out_buf_t *out)
{
    uint32_t *words = malloc(kBatchWords * sizeof(*words));
    float *vals = malloc(kBatchWords * sizeof(*vals));
    int status = kCliExitOk;
    if (words == NULL || vals == NULL) {
        status = cli_error(kCmd, kCliExitInput, "out of memory");
        goto done;
    }
    for (;;) {
        size_t got = 0;
        hex_status_t st = hex_reader_fill(in, words, kBatchWords, &got);
        if (st == kHexBadWord || st == kHexIoError) {
            status = report_read_error(in);
            goto done;
        }
        memcpy(vals, words, got * sizeof(*vals));
        mx_quantize_elemwise(spec, vals, vals, got);
        for (size_t i = 0; i < got; i += kLineChunkWords) {
            size_t n = got - i < kLineChunkWords ? got - i : kLineChunkWords;
            // Reserve for many one-word lines at once: a reserve per word costs
            // more than formatting the word.
            char *p = out_buf_space(out, n * 9);
            if (p == NULL) {
                status = report_write_error(out);
                goto done;
            }
            for (size_t j = 0; j < n; ++j) {
                uint32_t bits;
                memcpy(&bits, &vals[i + j], sizeof(bits));
                p = hex_put_u32(p, bits);
                *p++ = '\n';
            }
            out_buf_commit(out, p);
        }
        if (st == kHexEof) {
            break;
        }
    }
done:
    free(words);
    free(vals);
    return status;
}

/**
 * Print blocks in OCP packed layout, one block per line. vals holds n words
 * followed by zeros up to a whole number of blocks, unless the whole input is
 * one short block.
 * @return 0, or an exit status after reporting an error
 */
static int emit_packed(const mx_block_spec *spec, const float *vals, size_t n, bool one_block,
                       uint64_t blocks_before, float *elems, uint8_t *bytes, out_buf_t *out)
{
    size_t bs = (size_t)spec->block_size;
    for (size_t off = 0; off < n; off += bs) {
        size_t m = n - off < bs ? n - off : bs;
        // A partial last block is quantized with its zero padding, as in the
        // value output, but only its real elements are stored.
        size_t qn = one_block ? n : bs;
        uint8_t scale = mx_quantize_block(spec, vals + off, qn, elems, NULL);
        if (mx_pack_block(&spec->elem, scale, elems, m, bytes) != 0) {
            return cli_error(kCmd, kCliExitInput,
                             "block %llu: element not representable in %s (library error)",
                             (unsigned long long)(blocks_before + off / bs + 1), spec->elem.name);
        }
        size_t nbytes = mx_packed_block_bytes(&spec->elem, m);
        char *p = out_buf_space(out, 2 * nbytes + 1);
        if (p == NULL) {
            return report_write_error(out);
        }
        for (size_t k = 0; k < nbytes; ++k) {
            p = hex_put_u8(p, bytes[k]);
        }
        *p++ = '\n';
        out_buf_commit(out, p);
    }
    return kCliExitOk;
}

int quant_run_mx(const mx_block_spec *spec, bool packed, hex_reader_t *in, out_buf_t *out)
{
    size_t bs = (size_t)spec->block_size;
    size_t cap = bs * (kBatchWords / bs > 0 ? kBatchWords / bs : 1);
    uint32_t *words = malloc(cap * sizeof(*words));
    float *vals = malloc(cap * sizeof(*vals));
    float *elems = malloc(bs * sizeof(*elems));
    uint8_t *bytes = malloc(mx_packed_block_bytes(&spec->elem, bs));
    int status = kCliExitOk;
    if (words == NULL || vals == NULL || elems == NULL || bytes == NULL) {
        status = cli_error(kCmd, kCliExitInput, "out of memory");
        goto done;
    }
    uint64_t total = 0;
    for (;;) {
        size_t got = 0;
        hex_status_t st = hex_reader_fill(in, words, cap, &got);
        if (st == kHexBadWord || st == kHexIoError) {
            status = report_read_error(in);
            goto done;
        }
        if (got == 0) {
            if (total == 0) {
                status =
                    cli_error(kCmd, kCliExitInput, "empty input: --mx needs at least one value");
            }
            goto done;
        }
        uint64_t blocks_before = total / bs;
        total += got;
        memcpy(vals, words, got * sizeof(*vals));
        // Input shorter than a block is one short block; otherwise the last
        // block is zero-padded to full length, as the reference pads the axis.
        bool one_block = total < bs;
        size_t padded = one_block ? got : (got + bs - 1) / bs * bs;
        for (size_t i = got; i < padded; ++i) {
            vals[i] = 0.0f;
        }
        if (packed) {
            status = emit_packed(spec, vals, got, one_block, blocks_before, elems, bytes, out);
            if (status != kCliExitOk) {
                goto done;
            }
        } else {
            mx_quantize_axis(spec, vals, vals, 1, padded, 1, NULL);
            if (emit_words(out, vals, got, bs) != 0) {
                status = report_write_error(out);
                goto done;
            }
        }
        if (st == kHexEof) {
            goto done;
        }
    }
done:
    free(words);
    free(vals);
    free(elems);
    free(bytes);
    return status;
}
