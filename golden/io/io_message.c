/* Formatting of the loaders' one-line error messages. */
#include "io/io_message.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mxaccel/io.h"

void mx_io_error(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    if (err == NULL || errlen == 0) {
        return;
    }
    int used = snprintf(err, errlen, "%s: ", path);
    if (used >= 0 && (size_t)used < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + used, errlen - (size_t)used, fmt, ap);
        va_end(ap);
    }
    for (char *c = err; *c != '\0'; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f) {
            *c = '?';
        }
    }
}

void mx_io_shape_text(char *buf, size_t len, const int64_t *shape, int ndim)
{
    if (buf == NULL || len == 0) {
        return;
    }
    /* "[", up to MX_TENSOR_MAX_DIMS entries of at most 20 digits + ", ", "]" */
    char text[2 + MX_TENSOR_MAX_DIMS * 22 + 1];
    size_t used = 0;
    text[used++] = '[';
    for (int i = 0; i < ndim && i < MX_TENSOR_MAX_DIMS; i++) {
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%" PRId64, i ? ", " : "",
                                 shape[i]);
    }
    snprintf(text + used, sizeof text - used, "]");
    snprintf(buf, len, "%s", text);
}
