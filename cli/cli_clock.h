/**
 * @file cli_clock.h
 * Wall-clock seconds for the run times the subcommands report.
 */
#ifndef MXACCEL_CLI_CLI_CLOCK_H
#define MXACCEL_CLI_CLI_CLOCK_H

#include <time.h>

/** Seconds on the monotonic clock (only differences mean anything). */
static inline double cli_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
