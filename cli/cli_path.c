/**
 * @file cli_path.c
 * Paths and directories (see cli_path.h).
 */
#include "cli_path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *cli_path_join(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (path != NULL) {
        snprintf(path, len, "%s/%s", dir, name);
    }
    return path;
}

int cli_ensure_dir(const char *dir, char *err, size_t errlen)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            return 0;
        }
        snprintf(err, errlen, "%s exists and is not a directory", dir);
        return -1;
    }
    if (errno != ENOENT || mkdir(dir, 0777) != 0) {
        snprintf(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}
