/**
 * @file cli.h
 * Entry points of the mxaccel subcommands and the exit statuses they share.
 */
#ifndef MXACCEL_CLI_CLI_H
#define MXACCEL_CLI_CLI_H

/** Exit statuses of every subcommand (documented in each --help). */
enum {
    kCliExitOk = 0,
    kCliExitInput = 1, /**< bad input data, or an I/O error */
    kCliExitUsage = 2, /**< bad command line */
};

/**
 * A subcommand: argv[0] is the subcommand name, the rest are its options.
 * @return an exit status
 */
typedef int (*cli_command_fn_t)(int argc, char **argv);

int cli_quant_main(int argc, char **argv);
int cli_formats_main(int argc, char **argv);
int cli_infer_main(int argc, char **argv);
int cli_train_main(int argc, char **argv);
int cli_sweep_main(int argc, char **argv);
int cli_sim_main(int argc, char **argv);

#endif
