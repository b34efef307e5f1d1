/**
 * @file out_buf.h
 * Buffered writer to a file descriptor that flushes only between lines, so a
 * run that stops on an error never leaves half a line on its output.
 */
#ifndef MXACCEL_CLI_OUT_BUF_H
#define MXACCEL_CLI_OUT_BUF_H

#include <stddef.h>

typedef struct out_buf {
    int fd;
    char *data;
    size_t len;
    size_t cap;
    int err; /**< errno of the first failed write; 0 while all is well */
} out_buf_t;

/** Allocate a buffer of cap bytes; returns 0, or -1 when out of memory. */
int out_buf_init(out_buf_t *o, int fd, size_t cap);

/** Release the buffer without writing what is still in it. */
void out_buf_free(out_buf_t *o);

/** Write out everything buffered; returns 0, or -1 with o->err set. */
int out_buf_flush(out_buf_t *o);

/**
 * Room for n more bytes (n <= cap), flushing first if needed. Write at most n
 * bytes there and hand the end to out_buf_commit.
 * @return the write position, or NULL after a write error
 */
static inline char *out_buf_space(out_buf_t *o, size_t n)
{
    if (o->cap - o->len < n && out_buf_flush(o) != 0) {
        return NULL;
    }
    return o->data + o->len;
}

/** Mark the bytes up to end (inside the space just reserved) as written. */
static inline void out_buf_commit(out_buf_t *o, const char *end)
{
    o->len = (size_t)(end - o->data);
}

#endif
