/**
 * @file hex_reader.c
 * Whitespace-separated hex words from a file descriptor (see hex_reader.h).
 *
 * Well-formed words that lie wholly inside the current chunk take a fast
 * path; anything else (a word split across reads, a malformed word, the last
 * word without a trailing newline) goes through the byte-at-a-time token.
 */
#include "hex_reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    kChunkBytes = 1 << 20,
    kClassSpace = 0x10, /**< whitespace: separates words */
    kClassOther = 0x20, /**< any other byte that is not a hex digit */
    kTextMax = 20,
};

/** Digit value 0..15, or kClassSpace / kClassOther. */
static const uint8_t kHexClass[256] = {
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x10, 0x10, 0x10, 0x10, 0x10, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x10, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
};

static inline bool is_space(unsigned char c)
{
    return kHexClass[c] == kClassSpace;
}

/** Parse 8 hex digits at p; returns false if any byte is not a hex digit. */
static inline bool parse8(const unsigned char *p, uint32_t *v)
{
    uint32_t d[8];
    uint32_t bad = 0;
    for (int i = 0; i < 8; ++i) {
        d[i] = kHexClass[p[i]];
        bad |= d[i];
    }
    if ((bad & 0xf0u) != 0) {
        return false;
    }
    *v = d[0] << 28 | d[1] << 24 | d[2] << 20 | d[3] << 16 | d[4] << 12 | d[5] << 8 | d[6] << 4 |
         d[7];
    return true;
}

int hex_reader_init(hex_reader_t *r, int fd)
{
    memset(r, 0, sizeof(*r));
    r->fd = fd;
    r->cap = kChunkBytes;
    r->buf = malloc(r->cap);
    return r->buf == NULL ? -1 : 0;
}

void hex_reader_free(hex_reader_t *r)
{
    free(r->buf);
    r->buf = NULL;
}

static void token_start(hex_token_t *t)
{
    t->len = 0;
    t->ndigits = 0;
    t->value = 0;
    t->bad = -1;
    t->text[0] = '\0';
}

static void token_add(hex_token_t *t, unsigned char c)
{
    if (t->len < kTextMax) {
        // Keep the message one printable line whatever the input holds.
        t->text[t->len] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
        t->text[t->len + 1] = '\0';
    }
    uint8_t d = kHexClass[c];
    if (t->len == 1 && t->text[0] == '0' && (c == 'x' || c == 'X')) {
        // A 0x prefix: the leading '0' was not a digit after all.
        t->ndigits = 0;
        t->value = 0;
    } else if (d < 16) {
        t->ndigits++;
        t->value = t->value << 4 | d;
    } else if (t->bad < 0) {
        t->bad = c;
    }
    t->len++;
}

/** Check a complete token; returns false with r->msg set if it is malformed. */
static bool token_finish(hex_reader_t *r, uint32_t *v)
{
    const hex_token_t *t = &r->tok;
    unsigned long long index = (unsigned long long)r->nwords + 1;
    const char *more = t->len > kTextMax ? "..." : "";
    if (t->bad >= 0) {
        if (t->bad > 0x20 && t->bad < 0x7f) {
            snprintf(r->msg, sizeof(r->msg), "word %llu (\"%s%s\"): non-hex character '%c'", index,
                     t->text, more, t->bad);
        } else {
            snprintf(r->msg, sizeof(r->msg), "word %llu (\"%s%s\"): non-hex byte 0x%02x", index,
                     t->text, more, (unsigned)t->bad);
        }
        return false;
    }
    if (t->ndigits % 2 != 0) {
        snprintf(r->msg, sizeof(r->msg), "word %llu (\"%s%s\"): odd number of hex digits (%llu)",
                 index, t->text, more, (unsigned long long)t->ndigits);
        return false;
    }
    if (t->ndigits != 8) {
        snprintf(r->msg, sizeof(r->msg), "word %llu (\"%s%s\"): expected 8 hex digits, got %llu",
                 index, t->text, more, (unsigned long long)t->ndigits);
        return false;
    }
    *v = t->value;
    return true;
}

/** End the word being read: check it and count it. */
static bool end_word(hex_reader_t *r, uint32_t *v)
{
    r->in_token = false;
    if (!token_finish(r, v)) {
        return false;
    }
    r->nwords++;
    return true;
}

/** Read the next chunk; returns false with r->msg set on a read error. */
static bool refill(hex_reader_t *r)
{
    for (;;) {
        ssize_t n = read(r->fd, r->buf, r->cap);
        if (n >= 0) {
            r->pos = 0;
            r->len = (size_t)n;
            r->eof = n == 0;
            return true;
        }
        if (errno != EINTR) {
            snprintf(r->msg, sizeof(r->msg), "read error: %s", strerror(errno));
            return false;
        }
    }
}

/** Take whole words from the current chunk; stops at anything unusual. */
static size_t fast_words(hex_reader_t *r, uint32_t *dst, size_t max)
{
    const unsigned char *p = r->buf + r->pos;
    const unsigned char *end = r->buf + r->len;
    size_t n = 0;
    while (n < max) {
        while (p < end && is_space(*p)) {
            ++p;
        }
        const unsigned char *q = p;
        if (end - q >= 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
            q += 2;
        }
        // The byte after the digits must be in this chunk to end the word.
        if (end - q < 9 || !is_space(q[8]) || !parse8(q, &dst[n])) {
            break;
        }
        ++n;
        p = q + 9;
    }
    r->pos = (size_t)(p - r->buf);
    r->nwords += n;
    return n;
}

hex_status_t hex_reader_fill(hex_reader_t *r, uint32_t *dst, size_t max, size_t *got)
{
    size_t n = 0;
    hex_status_t status = kHexOk;
    while (n < max) {
        if (r->pos == r->len) {
            if (r->eof) {
                if (!r->in_token) {
                    status = kHexEof;
                    break;
                }
                if (!end_word(r, &dst[n])) {
                    status = kHexBadWord;
                    break;
                }
                ++n;
                continue;
            }
            if (!refill(r)) {
                status = kHexIoError;
                break;
            }
            continue;
        }
        if (!r->in_token) {
            n += fast_words(r, dst + n, max - n);
            if (n == max || r->pos == r->len) {
                continue;
            }
            r->in_token = true;
            token_start(&r->tok);
        }
        while (r->pos < r->len && !is_space(r->buf[r->pos])) {
            token_add(&r->tok, r->buf[r->pos]);
            r->pos++;
        }
        if (r->pos < r->len) {
            // Whitespace ends the word; otherwise it continues in the next chunk.
            if (!end_word(r, &dst[n])) {
                status = kHexBadWord;
                break;
            }
            ++n;
        }
    }
    *got = n;
    return status;
}
