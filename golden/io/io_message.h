/* One-line error messages of the file loaders ("<path>: <problem>").
 * Internal header. */
#ifndef MXACCEL_IO_MESSAGE_H
#define MXACCEL_IO_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

/* Writes "<path>: <formatted problem>" to err. Control characters (which
 * could come from a file's own strings) become '?', so the message stays one
 * line. err may be NULL when errlen is 0. */
void mx_io_error(char *err, size_t errlen, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Shape text as PyTorch prints sizes in lists: "[32, 1, 3, 3]", "[]" for a
 * scalar. Truncated with "..." if buf is too small. */
void mx_io_shape_text(char *buf, size_t len, const int64_t *shape, int ndim);

#endif
