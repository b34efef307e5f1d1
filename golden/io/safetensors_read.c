/* safetensors reader. The whole header is checked (cJSON) before any tensor
 * data is read, so a bad file never leads to a large allocation. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "io/io_message.h"
#include "mxaccel/io.h"

/* Largest integer a JSON number (a double in cJSON) holds exactly. */
#define JSON_INT_MAX 9007199254740992.0

/* A tensor's byte range in the data area, for the overlap check. */
typedef struct span {
    uint64_t begin, end;
    int index; /* into the tensor list */
    const char *name;
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a;
    const span *y = b;
    if (x->begin != y->begin) {
        return x->begin < y->begin ? -1 : 1;
    }
    if (x->end != y->end) {
        return x->end < y->end ? -1 : 1;
    }
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int json_u64(const cJSON *item, uint64_t *v)
{
    if (!cJSON_IsNumber(item)) {
        return -1;
    }
    const double d = item->valuedouble;
    if (!(d >= 0.0 && d <= JSON_INT_MAX) || (double)(uint64_t)d != d) {
        return -1;
    }
    *v = (uint64_t)d;
    return 0;
}

static int check_metadata(const char *path, const cJSON *meta, char *err, size_t errlen)
{
    if (!cJSON_IsObject(meta)) {
        mx_io_error(err, errlen, path, "__metadata__ is not a JSON object");
        return -1;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, meta)
    {
        if (!cJSON_IsString(item)) {
            mx_io_error(err, errlen, path, "__metadata__ entry '%s' is not a string", item->string);
            return -1;
        }
    }
    return 0;
}

/* Fills t (without data) and s from one header entry. */
static int parse_entry(const char *path, const cJSON *entry, uint64_t data_size, mx_tensor *t,
                       span *s, char *err, size_t errlen)
{
    const char *name = entry->string;
    if (strlen(name) >= sizeof t->name) {
        mx_io_error(err, errlen, path, "tensor name '%.40s...' is longer than %zu bytes", name,
                    sizeof t->name - 1);
        return -1;
    }
    if (!cJSON_IsObject(entry)) {
        mx_io_error(err, errlen, path, "tensor '%s' is not a JSON object", name);
        return -1;
    }
    const cJSON *dtype = cJSON_GetObjectItemCaseSensitive(entry, "dtype");
    const cJSON *shape = cJSON_GetObjectItemCaseSensitive(entry, "shape");
    const cJSON *offsets = cJSON_GetObjectItemCaseSensitive(entry, "data_offsets");
    if (!cJSON_IsString(dtype)) {
        mx_io_error(err, errlen, path, "tensor '%s' has no string field \"dtype\"", name);
        return -1;
    }
    if (strcmp(dtype->valuestring, "F32") != 0) {
        mx_io_error(err, errlen, path, "tensor '%s' has dtype %.32s; only F32 is supported", name,
                    dtype->valuestring);
        return -1;
    }
    if (!cJSON_IsArray(shape)) {
        mx_io_error(err, errlen, path, "tensor '%s' has no array field \"shape\"", name);
        return -1;
    }
    const int ndim = cJSON_GetArraySize(shape);
    if (ndim > MX_TENSOR_MAX_DIMS) {
        mx_io_error(err, errlen, path, "tensor '%s' shape has %d dimensions (at most %d)", name,
                    ndim, MX_TENSOR_MAX_DIMS);
        return -1;
    }
    memset(t, 0, sizeof *t);
    memcpy(t->name, name, strlen(name) + 1);
    t->ndim = ndim;
    /* element count, saturated so that the byte count cannot overflow */
    uint64_t count = 1;
    int too_large = 0;
    int zero = 0;
    int i = 0;
    const cJSON *dim;
    cJSON_ArrayForEach(dim, shape)
    {
        uint64_t d;
        if (json_u64(dim, &d) != 0) {
            mx_io_error(err, errlen, path,
                        "tensor '%s' shape entry %d is not a non-negative integer", name, i);
            return -1;
        }
        t->shape[i++] = (int64_t)d;
        zero |= d == 0;
        if (d != 0 && count > (UINT64_MAX / 4) / d) {
            too_large = 1;
        } else {
            count *= d;
        }
    }
    if (zero) {
        count = 0;
    } else if (too_large) {
        char text[200];
        mx_io_shape_text(text, sizeof text, t->shape, ndim);
        mx_io_error(err, errlen, path, "tensor '%s' shape %s is too large", name, text);
        return -1;
    }
    uint64_t begin = 0;
    uint64_t end = 0;
    if (!cJSON_IsArray(offsets) || cJSON_GetArraySize(offsets) != 2 ||
        json_u64(cJSON_GetArrayItem(offsets, 0), &begin) != 0 ||
        json_u64(cJSON_GetArrayItem(offsets, 1), &end) != 0) {
        mx_io_error(err, errlen, path,
                    "tensor '%s' field \"data_offsets\" is not two non-negative integers", name);
        return -1;
    }
    if (begin > end) {
        mx_io_error(err, errlen, path,
                    "tensor '%s' data_offsets [%" PRIu64 ", %" PRIu64 "] begin after their end",
                    name, begin, end);
        return -1;
    }
    if (end > data_size) {
        mx_io_error(err, errlen, path,
                    "tensor '%s' data_offsets [%" PRIu64 ", %" PRIu64
                    "] run past the end of the data (%" PRIu64 " bytes)",
                    name, begin, end, data_size);
        return -1;
    }
    if (count * 4 != end - begin) {
        char text[200];
        mx_io_shape_text(text, sizeof text, t->shape, ndim);
        mx_io_error(err, errlen, path,
                    "tensor '%s' shape %s needs %" PRIu64 " bytes but data_offsets [%" PRIu64
                    ", %" PRIu64 "] hold %" PRIu64,
                    name, text, count * 4, begin, end, end - begin);
        return -1;
    }
    t->count = (size_t)count;
    s->begin = begin;
    s->end = end;
    s->name = t->name;
    return 0;
}

/* Names are unique and byte ranges disjoint. */
static int check_layout(const char *path, const cJSON *root, span *spans, int n, char *err,
                        size_t errlen)
{
    const int keys = cJSON_GetArraySize(root);
    const char **names = malloc((size_t)(keys > 0 ? keys : 1) * sizeof *names);
    if (names == NULL) {
        mx_io_error(err, errlen, path, "out of memory");
        return -1;
    }
    int k = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, root)
    {
        names[k++] = item->string;
    }
    qsort(names, (size_t)keys, sizeof *names, name_cmp);
    for (k = 1; k < keys; k++) {
        if (strcmp(names[k - 1], names[k]) == 0) {
            mx_io_error(err, errlen, path, "duplicate header entry '%s'", names[k]);
            free(names);
            return -1;
        }
    }
    free(names);
    qsort(spans, (size_t)n, sizeof *spans, span_cmp);
    for (k = 1; k < n; k++) {
        if (spans[k].begin < spans[k - 1].end) {
            mx_io_error(err, errlen, path,
                        "tensors '%s' [%" PRIu64 ", %" PRIu64 "] and '%s' [%" PRIu64 ", %" PRIu64
                        "] overlap",
                        spans[k - 1].name, spans[k - 1].begin, spans[k - 1].end, spans[k].name,
                        spans[k].begin, spans[k].end);
            return -1;
        }
    }
    return 0;
}

/* Reads the header length and the header; *json is NUL-terminated. */
static int read_header(FILE *f, const char *path, char **json, uint64_t *len, uint64_t *data_size,
                       char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        mx_io_error(err, errlen, path, "%s", strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        mx_io_error(err, errlen, path, "not a regular file");
        return -1;
    }
    const uint64_t size = (uint64_t)st.st_size;
    unsigned char head[8];
    if (size < sizeof head || fread(head, 1, sizeof head, f) != sizeof head) {
        mx_io_error(err, errlen, path, "file too short for the 8-byte header length (%" PRIu64
                    " bytes)", size);
        return -1;
    }
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--) {
        n = n << 8 | head[i];
    }
    if (n > size - sizeof head) {
        mx_io_error(err, errlen, path,
                    "header length %" PRIu64 " exceeds the file size (%" PRIu64 " bytes)", n,
                    size);
        return -1;
    }
    char *buf = malloc((size_t)n + 1);
    if (buf == NULL) {
        mx_io_error(err, errlen, path, "out of memory for a %" PRIu64 "-byte header", n);
        return -1;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        mx_io_error(err, errlen, path, "truncated header (%s)",
                    ferror(f) ? strerror(errno) : "unexpected end of file");
        free(buf);
        return -1;
    }
    buf[n] = '\0';
    *json = buf;
    *len = n;
    *data_size = size - sizeof head - n;
    return 0;
}

static int parse_json(const char *path, const char *json, uint64_t len, cJSON **root, char *err,
                      size_t errlen)
{
    const char *end = NULL;
    cJSON *r = cJSON_ParseWithLengthOpts(json, (size_t)len, &end, 0);
    if (r == NULL) {
        mx_io_error(err, errlen, path, "header is not valid JSON (error at byte %td of %" PRIu64
                    ")", end ? end - json : 0, len);
        return -1;
    }
    /* The reference writer pads the header with spaces; anything else after
     * the object is an error. */
    for (const char *c = end; c < json + len; c++) {
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') {
            mx_io_error(err, errlen, path,
                        "header is not valid JSON (trailing bytes at byte %td of %" PRIu64 ")",
                        c - json, len);
            cJSON_Delete(r);
            return -1;
        }
    }
    if (!cJSON_IsObject(r)) {
        mx_io_error(err, errlen, path, "header is not a JSON object");
        cJSON_Delete(r);
        return -1;
    }
    *root = r;
    return 0;
}

/* Little-endian fp32 in the file; a no-op copy on little-endian hosts. */
static void from_le(float *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b[4];
        memcpy(b, &v[i], 4);
        const uint32_t u = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                           (uint32_t)b[3] << 24;
        memcpy(&v[i], &u, 4);
    }
}

static int read_data(FILE *f, const char *path, uint64_t data_start, mx_tensor *t,
                     const span *s, char *err, size_t errlen)
{
    if (t->count == 0) {
        return 0;
    }
    t->data = malloc(t->count * sizeof *t->data);
    if (t->data == NULL) {
        mx_io_error(err, errlen, path, "out of memory for tensor '%s'", t->name);
        return -1;
    }
    if (fseeko(f, (off_t)(data_start + s->begin), SEEK_SET) != 0 ||
        fread(t->data, sizeof *t->data, t->count, f) != t->count) {
        mx_io_error(err, errlen, path, "truncated data of tensor '%s' (%s)", t->name,
                    ferror(f) ? strerror(errno) : "unexpected end of file");
        return -1;
    }
    from_le(t->data, t->count);
    return 0;
}

static int parse_tensors(const char *path, const cJSON *root, uint64_t data_size,
                         mx_safetensors *st, span *spans, char *err, size_t errlen)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, root)
    {
        if (strcmp(item->string, "__metadata__") == 0) {
            if (check_metadata(path, item, err, errlen) != 0) {
                return -1;
            }
            continue;
        }
        if (parse_entry(path, item, data_size, &st->tensors[st->count], &spans[st->count], err,
                        errlen) != 0) {
            return -1;
        }
        spans[st->count].index = st->count;
        st->count++;
    }
    return check_layout(path, root, spans, st->count, err, errlen);
}

int mx_safetensors_read(const char *path, mx_safetensors *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        mx_io_error(err, errlen, path, "%s", strerror(errno));
        return -1;
    }
    char *json = NULL;
    uint64_t len = 0;
    uint64_t data_size = 0;
    cJSON *root = NULL;
    span *spans = NULL;
    mx_safetensors st = {0, NULL};
    int rc = -1;
    if (read_header(f, path, &json, &len, &data_size, err, errlen) != 0 ||
        parse_json(path, json, len, &root, err, errlen) != 0) {
        goto done;
    }
    const size_t keys = (size_t)cJSON_GetArraySize(root);
    st.tensors = calloc(keys ? keys : 1, sizeof *st.tensors);
    spans = calloc(keys ? keys : 1, sizeof *spans);
    if (st.tensors == NULL || spans == NULL) {
        mx_io_error(err, errlen, path, "out of memory for %zu header entries", keys);
        goto done;
    }
    if (parse_tensors(path, root, data_size, &st, spans, err, errlen) != 0) {
        goto done;
    }
    /* spans are sorted by offset now: the file is read front to back */
    for (int k = 0; k < st.count; k++) {
        if (read_data(f, path, 8 + len, &st.tensors[spans[k].index], &spans[k], err, errlen) !=
            0) {
            goto done;
        }
    }
    *out = st;
    st.tensors = NULL;
    st.count = 0;
    rc = 0;
done:
    mx_safetensors_free(&st);
    free(spans);
    cJSON_Delete(root);
    free(json);
    fclose(f);
    return rc;
}

const mx_tensor *mx_safetensors_find(const mx_safetensors *st, const char *name)
{
    for (int i = 0; i < st->count; i++) {
        if (strcmp(st->tensors[i].name, name) == 0) {
            return &st->tensors[i];
        }
    }
    return NULL;
}

void mx_safetensors_free(mx_safetensors *st)
{
    if (st == NULL) {
        return;
    }
    for (int i = 0; i < st->count; i++) {
        free(st->tensors[i].data);
    }
    free(st->tensors);
    st->count = 0;
    st->tensors = NULL;
}
