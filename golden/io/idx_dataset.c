/* IDX image and label files (the (Fashion-)MNIST distribution format),
 * gzip-compressed or plain: zlib's gzread reads both. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "io/io_message.h"
#include "mxaccel/io.h"

#define IDX_IMAGES_MAGIC 0x00000803u
#define IDX_LABELS_MAGIC 0x00000801u
#define IDX_MAX_SIDE 1024u
/* First allocation for the data; it grows as data actually arrives, so a
 * header announcing absurd sizes cannot cause an absurd allocation. */
#define IDX_FIRST_CHUNK ((size_t)1 << 20)

typedef struct idx_file {
    char *path;
    gzFile gz;
} idx_file;

/* "<dir>/<base>.gz", or "<dir>/<base>" if only the uncompressed file exists. */
static int idx_open(const char *dir, const char *base, idx_file *f, char *err, size_t errlen)
{
    const size_t len = strlen(dir) + strlen(base) + 5;
    f->gz = NULL;
    f->path = malloc(len);
    if (f->path == NULL) {
        mx_io_error(err, errlen, base, "out of memory");
        return -1;
    }
    snprintf(f->path, len, "%s/%s.gz", dir, base);
    struct stat st;
    if (stat(f->path, &st) != 0 && errno == ENOENT) {
        snprintf(f->path, len, "%s/%s", dir, base);
        if (stat(f->path, &st) != 0) {
            snprintf(f->path, len, "%s/%s.gz", dir, base);
            mx_io_error(err, errlen, f->path, "%s (nor the uncompressed %s)", strerror(ENOENT),
                        base);
            return -1;
        }
    }
    errno = 0;
    f->gz = gzopen(f->path, "rb");
    if (f->gz == NULL) {
        mx_io_error(err, errlen, f->path, "%s", errno ? strerror(errno) : "cannot open");
        return -1;
    }
    gzbuffer(f->gz, 1u << 17);
    return 0;
}

static void idx_close(idx_file *f)
{
    if (f->gz != NULL) {
        gzclose(f->gz);
    }
    free(f->path);
    f->gz = NULL;
    f->path = NULL;
}

/* Reads up to n bytes; returns how many, or -1 after reporting a gzip error. */
static long long idx_read(idx_file *f, void *buf, size_t n, char *err, size_t errlen)
{
    size_t got = 0;
    while (got < n) {
        const size_t want = n - got < (size_t)1 << 30 ? n - got : (size_t)1 << 30;
        const int r = gzread(f->gz, (unsigned char *)buf + got, (unsigned)want);
        if (r < 0) {
            int code = 0;
            const char *msg = gzerror(f->gz, &code);
            mx_io_error(err, errlen, f->path, "read error: %s",
                        code == Z_ERRNO ? strerror(errno) : msg);
            return -1;
        }
        if (r == 0) {
            break;
        }
        got += (size_t)r;
    }
    return (long long)got;
}

/* The magic number and n big-endian 32-bit sizes after it. */
static int idx_header(idx_file *f, uint32_t magic, uint32_t *sizes, int n, char *err,
                      size_t errlen)
{
    unsigned char buf[16];
    const size_t len = 4 + 4 * (size_t)n;
    const long long got = idx_read(f, buf, len, err, errlen);
    if (got < 0) {
        return -1;
    }
    if ((size_t)got < len) {
        mx_io_error(err, errlen, f->path, "truncated header (%lld of %zu bytes)", got, len);
        return -1;
    }
    uint32_t v[4];
    for (int i = 0; i <= n; i++) {
        v[i] = (uint32_t)buf[4 * i] << 24 | (uint32_t)buf[4 * i + 1] << 16 |
               (uint32_t)buf[4 * i + 2] << 8 | buf[4 * i + 3];
    }
    if (v[0] != magic) {
        mx_io_error(err, errlen, f->path, "bad magic number 0x%08x (expected 0x%08x)", v[0],
                    magic);
        return -1;
    }
    memcpy(sizes, v + 1, (size_t)n * sizeof *sizes);
    return 0;
}

/* Exactly `expected` bytes of data and nothing after them. */
static int idx_body(idx_file *f, size_t expected, uint8_t **out, char *err, size_t errlen)
{
    size_t cap = expected < IDX_FIRST_CHUNK ? expected : IDX_FIRST_CHUNK;
    uint8_t *buf = malloc(cap);
    size_t have = 0;
    if (buf == NULL) {
        mx_io_error(err, errlen, f->path, "out of memory");
        return -1;
    }
    while (have < expected) {
        if (have == cap) {
            cap = cap > expected / 2 ? expected : cap * 2;
            uint8_t *grown = realloc(buf, cap);
            if (grown == NULL) {
                mx_io_error(err, errlen, f->path, "out of memory for %zu bytes", cap);
                free(buf);
                return -1;
            }
            buf = grown;
        }
        const long long got = idx_read(f, buf + have, cap - have, err, errlen);
        if (got < 0) {
            free(buf);
            return -1;
        }
        if (got == 0) {
            mx_io_error(err, errlen, f->path, "truncated: %zu of %zu data bytes", have, expected);
            free(buf);
            return -1;
        }
        have += (size_t)got;
    }
    unsigned char extra;
    const long long got = idx_read(f, &extra, 1, err, errlen);
    if (got != 0) {
        if (got > 0) {
            mx_io_error(err, errlen, f->path, "trailing bytes after the %zu data bytes", expected);
        }
        free(buf);
        return -1;
    }
    *out = buf;
    return 0;
}

int mx_dataset_load(const char *dir, int train, mx_dataset *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    const char *prefix = train ? "train" : "t10k";
    char images_base[64];
    char labels_base[64];
    snprintf(images_base, sizeof images_base, "%s-images-idx3-ubyte", prefix);
    snprintf(labels_base, sizeof labels_base, "%s-labels-idx1-ubyte", prefix);
    idx_file images = {NULL, NULL};
    idx_file labels = {NULL, NULL};
    mx_dataset ds = {0, 0, 0, NULL, NULL};
    uint32_t isz[3];
    uint32_t lsz[1];
    int rc = -1;
    if (idx_open(dir, images_base, &images, err, errlen) != 0 ||
        idx_header(&images, IDX_IMAGES_MAGIC, isz, 3, err, errlen) != 0 ||
        idx_open(dir, labels_base, &labels, err, errlen) != 0 ||
        idx_header(&labels, IDX_LABELS_MAGIC, lsz, 1, err, errlen) != 0) {
        goto done;
    }
    if (isz[0] == 0 || isz[0] > INT_MAX) {
        mx_io_error(err, errlen, images.path, "image count %u out of range 1..%d", isz[0],
                    INT_MAX);
        goto done;
    }
    if (isz[1] < 1 || isz[1] > IDX_MAX_SIDE || isz[2] < 1 || isz[2] > IDX_MAX_SIDE) {
        mx_io_error(err, errlen, images.path, "image size %ux%u out of range 1..%u", isz[1],
                    isz[2], IDX_MAX_SIDE);
        goto done;
    }
    if (lsz[0] != isz[0]) {
        mx_io_error(err, errlen, labels.path, "holds %u labels but %s holds %u images", lsz[0],
                    images.path, isz[0]);
        goto done;
    }
    ds.count = (int)isz[0];
    ds.rows = (int)isz[1];
    ds.cols = (int)isz[2];
    const uint64_t pixels = (uint64_t)isz[0] * isz[1] * isz[2];
    if (pixels > SIZE_MAX) {
        mx_io_error(err, errlen, images.path, "%llu pixels do not fit in memory",
                    (unsigned long long)pixels);
        goto done;
    }
    if (idx_body(&images, (size_t)pixels, &ds.images, err, errlen) != 0 ||
        idx_body(&labels, (size_t)ds.count, &ds.labels, err, errlen) != 0) {
        goto done;
    }
    for (int i = 0; i < ds.count; i++) {
        if (ds.labels[i] > 9) {
            mx_io_error(err, errlen, labels.path, "label %u of item %d is outside 0..9",
                        ds.labels[i], i);
            goto done;
        }
    }
    *out = ds;
    ds.images = NULL;
    ds.labels = NULL;
    rc = 0;
done:
    mx_dataset_free(&ds);
    idx_close(&images);
    idx_close(&labels);
    return rc;
}

void mx_dataset_free(mx_dataset *ds)
{
    if (ds == NULL) {
        return;
    }
    free(ds->images);
    free(ds->labels);
    memset(ds, 0, sizeof *ds);
}
