/**
 * @file out_buf.c
 * Line-granular buffered output (see out_buf.h).
 */
#include "out_buf.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

int out_buf_init(out_buf_t *o, int fd, size_t cap)
{
    o->fd = fd;
    o->len = 0;
    o->cap = cap;
    o->err = 0;
    o->data = malloc(cap);
    return o->data == NULL ? -1 : 0;
}

void out_buf_free(out_buf_t *o)
{
    free(o->data);
    o->data = NULL;
    o->len = 0;
}

int out_buf_flush(out_buf_t *o)
{
    if (o->err != 0) {
        return -1;
    }
    size_t done = 0;
    while (done < o->len) {
        ssize_t w = write(o->fd, o->data + done, o->len - done);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            o->err = errno;
            return -1;
        }
        done += (size_t)w;
    }
    o->len = 0;
    return 0;
}
