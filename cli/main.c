/**
 * @file main.c
 * `mxaccel <subcommand> [options]`: dispatch through one table, so adding a
 * subcommand is one line here plus its own file.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#ifndef MXACCEL_VERSION
#define MXACCEL_VERSION "unknown"
#endif

typedef struct cli_command {
    const char *name;
    const char *summary;
    cli_command_fn_t run;
} cli_command_t;

static const cli_command_t kCommands[] = {
    {"quant", "quantize fp32 bit patterns read from stdin (elementwise or MX blocks)",
     cli_quant_main},
    {"formats", "list the MX element formats and the elementwise format families",
     cli_formats_main},
    {"infer", "run the seed CNN on the Fashion-MNIST test set and report its accuracy",
     cli_infer_main},
    {"train", "train the seed CNN on Fashion-MNIST with quantization (checkpoints, resume)",
     cli_train_main},
    {"sim", "run the seed CNN on the cycle-level model of the accelerator: accuracy, cycles, traffic",
     cli_sim_main},
    {"sweep", "train every cell of a matmul x elementwise format grid (resumable, parallel)",
     cli_sweep_main},
};

static const size_t kNumCommands = sizeof(kCommands) / sizeof(kCommands[0]);

static void print_help(FILE *out)
{
    fputs("usage: mxaccel <subcommand> [options]\n"
          "       mxaccel <subcommand> --help\n"
          "       mxaccel --help | --version\n"
          "\n"
          "A bit-accurate model of an 8-bit OCP Microscaling (MX) accelerator.\n"
          "\n"
          "subcommands:\n",
          out);
    for (size_t i = 0; i < kNumCommands; ++i) {
        fprintf(out, "  %-10s %s\n", kCommands[i].name, kCommands[i].summary);
    }
    fputs("\n"
          "exit status: 0 success, 1 bad input data or I/O error, 2 bad command line.\n"
          "environment: MXACCEL_ISA=generic|avx2|avx512 caps the kernel instruction set\n"
          "(results are bit-identical for every choice).\n",
          out);
}

static const cli_command_t *find_command(const char *name)
{
    for (size_t i = 0; i < kNumCommands; ++i) {
        if (strcmp(kCommands[i].name, name) == 0) {
            return &kCommands[i];
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("mxaccel: missing subcommand (see mxaccel --help)\n", stderr);
        return kCliExitUsage;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_help(stdout);
        return kCliExitOk;
    }
    if (strcmp(name, "--version") == 0) {
        printf("mxaccel %s\n", MXACCEL_VERSION);
        return kCliExitOk;
    }
    // `mxaccel help [subcommand]` reads naturally and is what people type.
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            print_help(stdout);
            return kCliExitOk;
        }
        const cli_command_t *cmd = find_command(argv[2]);
        if (cmd == NULL) {
            fprintf(stderr, "mxaccel: unknown subcommand '%.40s' (see mxaccel --help)\n", argv[2]);
            return kCliExitUsage;
        }
        char help_opt[] = "--help";
        char *help_argv[] = {argv[2], help_opt, NULL};
        return cmd->run(2, help_argv);
    }
    const cli_command_t *cmd = find_command(name);
    if (cmd == NULL) {
        fprintf(stderr, "mxaccel: unknown subcommand '%.40s' (see mxaccel --help)\n", name);
        return kCliExitUsage;
    }
    return cmd->run(argc - 1, argv + 1);
}
