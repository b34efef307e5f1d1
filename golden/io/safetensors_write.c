/* safetensors writer: header built with cJSON, data in the given order,
 * written to a temporary file that replaces the target only when complete. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/io_message.h"
#include "mxaccel/io.h"

/* Largest byte offset a JSON number (a double) holds exactly. */
#define JSON_INT_MAX ((uint64_t)1 << 53)

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int check_tensor(const char *path, const mx_tensor *t, char *err, size_t errlen)
{
    if (memchr(t->name, '\0', sizeof t->name) == NULL) {
        mx_io_error(err, errlen, path, "tensor name is not NUL-terminated");
        return -1;
    }
    if (strcmp(t->name, "__metadata__") == 0) {
        mx_io_error(err, errlen, path, "tensor name '__metadata__' is reserved");
        return -1;
    }
    if (t->ndim < 0 || t->ndim > MX_TENSOR_MAX_DIMS) {
        mx_io_error(err, errlen, path, "tensor '%s' has %d dimensions (0..%d)", t->name, t->ndim,
                    MX_TENSOR_MAX_DIMS);
        return -1;
    }
    uint64_t count = 1;
    for (int i = 0; i < t->ndim; i++) {
        const int64_t d = t->shape[i];
        if (d < 0 || (d != 0 && count > JSON_INT_MAX / (uint64_t)d)) {
            mx_io_error(err, errlen, path, "tensor '%s' dimension %d is %" PRId64, t->name, i, d);
            return -1;
        }
        count *= (uint64_t)d;
    }
    if (count != t->count) {
        char text[200];
        mx_io_shape_text(text, sizeof text, t->shape, t->ndim);
        mx_io_error(err, errlen, path, "tensor '%s' shape %s has %" PRIu64 " elements, not %zu",
                    t->name, text, count, t->count);
        return -1;
    }
    if (t->count > 0 && t->data == NULL) {
        mx_io_error(err, errlen, path, "tensor '%s' has no data", t->name);
        return -1;
    }
    return 0;
}

static int check_tensors(const char *path, const mx_tensor *tensors, int count, char *err,
                         size_t errlen)
{
    if (count < 0 || (count > 0 && tensors == NULL)) {
        mx_io_error(err, errlen, path, "invalid tensor list (%d tensors)", count);
        return -1;
    }
    uint64_t bytes = 0;
    for (int i = 0; i < count; i++) {
        if (check_tensor(path, &tensors[i], err, errlen) != 0) {
            return -1;
        }
        bytes += (uint64_t)tensors[i].count * 4;
        if (bytes > JSON_INT_MAX) {
            mx_io_error(err, errlen, path, "tensors too large for a safetensors file");
            return -1;
        }
    }
    const char **names = malloc((size_t)(count > 0 ? count : 1) * sizeof *names);
    if (names == NULL) {
        mx_io_error(err, errlen, path, "out of memory");
        return -1;
    }
    for (int i = 0; i < count; i++) {
        names[i] = tensors[i].name;
    }
    qsort(names, (size_t)count, sizeof *names, name_cmp);
    int rc = 0;
    for (int i = 1; i < count && rc == 0; i++) {
        if (strcmp(names[i - 1], names[i]) == 0) {
            mx_io_error(err, errlen, path, "duplicate tensor name '%s'", names[i]);
            rc = -1;
        }
    }
    free(names);
    return rc;
}

/* The header JSON, unformatted, as a malloc'd string (NULL when out of memory). */
static char *build_header(const mx_tensor *tensors, int count)
{
    cJSON *root = cJSON_CreateObject();
    uint64_t offset = 0;
    int ok = root != NULL;
    for (int i = 0; i < count && ok; i++) {
        const mx_tensor *t = &tensors[i];
        cJSON *entry = cJSON_AddObjectToObject(root, t->name);
        cJSON *shape = cJSON_AddArrayToObject(entry, "shape");
        cJSON *offsets = cJSON_AddArrayToObject(entry, "data_offsets");
        ok = entry != NULL && shape != NULL && offsets != NULL &&
             cJSON_AddStringToObject(entry, "dtype", "F32") != NULL;
        for (int d = 0; d < t->ndim && ok; d++) {
            ok = cJSON_AddItemToArray(shape, cJSON_CreateNumber((double)t->shape[d]));
        }
        const uint64_t end = offset + (uint64_t)t->count * 4;
        ok = ok && cJSON_AddItemToArray(offsets, cJSON_CreateNumber((double)offset)) &&
             cJSON_AddItemToArray(offsets, cJSON_CreateNumber((double)end));
        offset = end;
    }
    char *text = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    return text;
}

/* fp32 as little-endian bytes, through a staging buffer. */
static int write_le(FILE *f, const float *v, size_t n)
{
    unsigned char buf[1 << 14];
    const size_t per = sizeof buf / 4;
    for (size_t i = 0; i < n; i += per) {
        const size_t m = n - i < per ? n - i : per;
        for (size_t j = 0; j < m; j++) {
            uint32_t u;
            memcpy(&u, &v[i + j], 4);
            buf[4 * j] = (unsigned char)u;
            buf[4 * j + 1] = (unsigned char)(u >> 8);
            buf[4 * j + 2] = (unsigned char)(u >> 16);
            buf[4 * j + 3] = (unsigned char)(u >> 24);
        }
        if (fwrite(buf, 4, m, f) != m) {
            return -1;
        }
    }
    return 0;
}

static int write_body(FILE *f, const char *header, const mx_tensor *tensors, int count)
{
    const size_t len = strlen(header);
    /* header padded with spaces to a multiple of 8, as the reference writer does */
    const uint64_t padded = ((uint64_t)len + 7) & ~(uint64_t)7;
    unsigned char head[8];
    for (int i = 0; i < 8; i++) {
        head[i] = (unsigned char)(padded >> (8 * i));
    }
    if (fwrite(head, 1, 8, f) != 8 || fwrite(header, 1, len, f) != len) {
        return -1;
    }
    for (uint64_t i = len; i < padded; i++) {
        if (fputc(' ', f) == EOF) {
            return -1;
        }
    }
    for (int i = 0; i < count; i++) {
        if (write_le(f, tensors[i].data, tensors[i].count) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Makes the rename itself durable; best effort (some file systems refuse). */
static void sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (dir == NULL) {
        return;
    }
    const int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

int mx_safetensors_write(const char *path, const mx_tensor *tensors, int count, char *err,
                         size_t errlen)
{
    if (check_tensors(path, tensors, count, err, errlen) != 0) {
        return -1;
    }
    char *header = build_header(tensors, count);
    const size_t tmp_len = strlen(path) + 32;
    char *tmp = malloc(tmp_len);
    if (header == NULL || tmp == NULL) {
        mx_io_error(err, errlen, path, "out of memory");
        cJSON_free(header);
        free(tmp);
        return -1;
    }
    snprintf(tmp, tmp_len, "%s.tmp.%ld", path, (long)getpid());
    int rc = -1;
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        mx_io_error(err, errlen, path, "cannot create %s: %s", tmp, strerror(errno));
        goto done;
    }
    const int werr = write_body(f, header, tensors, count) != 0 || fflush(f) != 0 ||
                     fsync(fileno(f)) != 0;
    const int saved = errno;
    const int cerr = fclose(f) != 0;
    if (werr || cerr) {
        mx_io_error(err, errlen, path, "cannot write %s: %s", tmp,
                    strerror(werr ? saved : errno));
        unlink(tmp);
        goto done;
    }
    if (rename(tmp, path) != 0) {
        mx_io_error(err, errlen, path, "cannot rename %s to it: %s", tmp, strerror(errno));
        unlink(tmp);
        goto done;
    }
    sync_parent_dir(path);
    rc = 0;
done:
    cJSON_free(header);
    free(tmp);
    return rc;
}
