/**
 * @file cli_run.h
 * Running a helper program (a script of the source tree) and collecting
 * what it prints.
 */
#ifndef MXACCEL_CLI_CLI_RUN_H
#define MXACCEL_CLI_CLI_RUN_H

#include <stddef.h>

/**
 * Run argv[0] (looked up on PATH) with stdin from /dev/null, its stdout and
 * stderr collected together, and wait for it.
 * @param output receives the output, NUL-terminated, malloc'ed (free it)
 * @param status receives its exit status (128 + n when killed by signal n)
 * @return 0, or -1 with a one-line message when it could not be started
 */
int cli_run_capture(char *const argv[], char **output, int *status, char *err, size_t errlen);

/** Whether name is an executable file in a directory of $PATH. */
int cli_on_path(const char *name);

#endif
