/**
 * @file atomic_file.h
 * Replace a file in one step (temp file in the same directory, then rename),
 * so readers never see a half-written report.
 */
#ifndef MXACCEL_CLI_ATOMIC_FILE_H
#define MXACCEL_CLI_ATOMIC_FILE_H

#include <stddef.h>

/**
 * Write len bytes to path atomically, with the permissions a plain create
 * would give (0666 less the umask).
 * @return 0, or -1 with a one-line message naming the file in err
 */
int atomic_file_write(const char *path, const char *data, size_t len, char *err, size_t errlen);

/**
 * Check, without touching path, that atomic_file_write could replace it: a
 * temp file can be created (and is removed again) in its directory, and
 * path is not a directory.
 * @return 0, or -1 with a one-line message naming the file in err
 */
int atomic_file_probe(const char *path, char *err, size_t errlen);

#endif
