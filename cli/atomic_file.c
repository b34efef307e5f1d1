/**
 * @file atomic_file.c
 * Temp file + rename (see atomic_file.h).
 */
#include "atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        done += (size_t)w;
    }
    return 0;
}

/* A new private temporary file beside path: its descriptor, its name in
 * *tmp (the caller frees it); -1 with err set on failure. */
static int open_temp_beside(const char *path, char **tmp, char *err, size_t errlen)
{
    size_t tmp_len = strlen(path) + sizeof(".tmp.XXXXXX");
    *tmp = malloc(tmp_len);
    if (*tmp == NULL) {
        snprintf(err, errlen, "cannot write %s: out of memory", path);
        return -1;
    }
    snprintf(*tmp, tmp_len, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
    }
    return fd;
}

int atomic_file_write(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
    char *tmp = NULL;
    int fd = open_temp_beside(path, &tmp, err, errlen);
    if (fd < 0) {
        return -1;
    }
    // mkstemp makes the file private; a report should get the usual mode.
    mode_t mask = umask(0);
    umask(mask);
    int failed = fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0;
    int saved = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed && rename(tmp, path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        unlink(tmp);
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
    }
    free(tmp);
    return failed ? -1 : 0;
}

int atomic_file_probe(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(EISDIR));
        return -1;
    }
    char *tmp = NULL;
    int fd = open_temp_beside(path, &tmp, err, errlen);
    if (fd < 0) {
        return -1;
    }
    close(fd);
    unlink(tmp);
    free(tmp);
    return 0;
}
