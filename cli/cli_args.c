/**
 * @file cli_args.c
 * Option matching and strict integer parsing (see cli_args.h).
 */
#include "cli_args.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_report.h"

cli_opt_result_t cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);
    if (strncmp(arg, name, len) != 0) {
        return kCliOptNoMatch;
    }
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return kCliOptMatch;
    }
    if (arg[len] != '\0') {
        return kCliOptNoMatch;
    }
    // A following "--option" is a forgotten value, not a value.
    if (*i + 1 >= argc || strncmp(argv[*i + 1], "--", 2) == 0) {
        return kCliOptMissingValue;
    }
    *i += 1;
    *value = argv[*i];
    return kCliOptMatch;
}

cli_opt_result_t cli_opt_value_in(int argc, char **argv, int *i, const char *const *names,
                                  int count, int *index, const char **value)
{
    for (int k = 0; k < count; ++k) {
        cli_opt_result_t r = cli_opt_value(argc, argv, i, names[k], value);
        if (r != kCliOptNoMatch) {
            *index = k;
            return r;
        }
    }
    return kCliOptNoMatch;
}

bool cli_parse_int(const char *text, int *out)
{
    const char *p = text;
    if (*p == '+' || *p == '-') {
        ++p;
    }
    // strtol alone would accept leading blanks and an empty digit string.
    if (*p < '0' || *p > '9') {
        return false;
    }
    errno = 0;
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || v < INT_MIN || v > INT_MAX) {
        return false;
    }
    *out = (int)v;
    return true;
}

bool cli_asks_help(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return true;
        }
    }
    return false;
}

int cli_online_cpus(int max)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > max ? max : (int)n;
}

int cli_bad_argument(const char *cmd, const char *arg)
{
    return cli_error(cmd, kCliExitUsage, "%s '%.40s' (see mxaccel %s --help)",
                     arg[0] == '-' ? "unknown option" : "unexpected argument", arg, cmd);
}
