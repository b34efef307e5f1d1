/**
 * @file sweep_spawn.c
 * One sweep cell in a child process (see sweep_spawn.h). The child runs
 * train's entry point directly after fork: no exec, so it is the very
 * binary that checked the options.
 */
#include "sweep_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "cli.h"

/** Die with the sweep, whatever kills it; elsewhere the cell lock still guards. */
static void die_with_parent(pid_t parent)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent) {
        _exit(kCliExitInput);
    }
}

/**
 * Wait for the cell's lock: a cell of a killed sweep may take a moment to
 * die, and two processes must never train one cell.
 */
static int lock_cell(const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT, 0666);
    if (fd < 0) {
        return -1;
    }
    struct flock fl;
    memset(&fl, 0, sizeof(fl));
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    while (fcntl(fd, F_SETLKW, &fl) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd; // held until the process exits
}

static void log_start(int argc, char **argv)
{
    char when[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm) != NULL) {
        strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    printf("== %s pid %ld: mxaccel", when, (long)getpid());
    for (int i = 0; i < argc; ++i) {
        printf(" %s", argv[i]);
    }
    putchar('\n');
    fflush(stdout);
}

static _Noreturn void run_child(const sweep_opts_t *o, const sweep_cell_t *c, pid_t parent)
{
    die_with_parent(parent);
    int log = open(c->log, O_WRONLY | O_CREAT | O_APPEND, 0666);
    if (log < 0 || dup2(log, STDOUT_FILENO) < 0 || dup2(log, STDERR_FILENO) < 0) {
        _exit(kCliExitInput);
    }
    close(log);
    if (lock_cell(c->lock) < 0) {
        fprintf(stderr, "mxaccel sweep: cannot lock %s: %s\n", c->lock, strerror(errno));
        _exit(kCliExitInput);
    }
    char threads[16];
    snprintf(threads, sizeof(threads), "%d", o->threads);
    char *words[kSweepCellArgv];
    int n = sweep_cell_argv(o, c->matmul, c->elem, threads, c->dir, c->json, c->out, words);
    log_start(n, words);
    int status = cli_train_main(n, words);
    fflush(NULL);
    _exit(status);
}

pid_t sweep_spawn_cell(const sweep_opts_t *o, const sweep_cell_t *c, char *err, size_t errlen)
{
    // Nothing buffered may be written twice, once by each process.
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot start cell %s x %s: %s", c->matmul, c->elem,
                 strerror(errno));
        return -1;
    }
    if (pid == 0) {
        run_child(o, c, parent);
    }
    return pid;
}
