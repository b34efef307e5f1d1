/**
 * @file cli_report.h
 * One-line error messages on stderr, prefixed with the subcommand, so that
 * scripts driving mxaccel can show or match them.
 */
#ifndef MXACCEL_CLI_CLI_REPORT_H
#define MXACCEL_CLI_CLI_REPORT_H

/**
 * Print "mxaccel <cmd>: <message>\n" on stderr.
 * @return status, so that callers can `return cli_error(...)`
 */
int cli_error(const char *cmd, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
