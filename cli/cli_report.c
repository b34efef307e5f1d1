/**
 * @file cli_report.c
 * Error reporting for the subcommands (see cli_report.h).
 */
#include "cli_report.h"

#include <stdarg.h>
#include <stdio.h>

int cli_error(const char *cmd, int status, const char *fmt, ...)
{
    // Format first so the line reaches stderr in a single write.
    char line[1024];
    int used = snprintf(line, sizeof(line), "mxaccel %s: ", cmd);
    if (used < 0) {
        return status;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + used, sizeof(line) - (size_t)used, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", line);
    return status;
}
