/**
 * @file cli_args.h
 * Small helpers for subcommand options of the form `--name value`,
 * `--name=value` and `--flag`.
 */
#ifndef MXACCEL_CLI_CLI_ARGS_H
#define MXACCEL_CLI_CLI_ARGS_H

#include <stdbool.h>

typedef enum cli_opt_result {
    kCliOptNoMatch,      /**< argv[*i] is not this option */
    kCliOptMatch,        /**< *value holds the option's value */
    kCliOptMissingValue, /**< the option is last or followed by another option */
} cli_opt_result_t;

/**
 * Match argv[*i] against an option that takes a value. On a match in the
 * two-word form, *i is advanced to the value.
 */
cli_opt_result_t cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);

/**
 * Match argv[*i] against a table of options that take a value; on a match or
 * a missing value, *index is the table entry (then as cli_opt_value).
 */
cli_opt_result_t cli_opt_value_in(int argc, char **argv, int *i, const char *const *names,
                                  int count, int *index, const char **value);

/** Parse a whole decimal integer (optional sign); false if text is not one. */
bool cli_parse_int(const char *text, int *out);

/** Is any of argv[1..argc-1] -h or --help? (Help wins over every error.) */
bool cli_asks_help(int argc, char **argv);

/** The online CPUs, at least 1 and at most max: the default thread count. */
int cli_online_cpus(int max);

/**
 * Report an argument no option matched: "unknown option" for one starting
 * with '-', else "unexpected argument", each pointing at `mxaccel cmd --help`.
 * @return the usage exit status
 */
int cli_bad_argument(const char *cmd, const char *arg);

#endif
