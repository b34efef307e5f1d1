/**
 * @file cli_run.c
 * Running a helper program (see cli_run.h).
 */
#include "cli_run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int cli_run_capture(char *const argv[], char **output, int *status, char *err, size_t errlen)
{
    *output = NULL;
    int fd[2];
    if (pipe(fd) != 0) {
        snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(errno));
        return -1;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        const int in = open("/dev/null", O_RDONLY);
        if (in >= 0) {
            dup2(in, STDIN_FILENO);
        }
        dup2(fd[1], STDOUT_FILENO);
        dup2(fd[1], STDERR_FILENO);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fd[1]);
    /* read to the end even when out of memory, so that the child never blocks */
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    bool oom = buf == NULL;
    for (;;) {
        if (!oom && len + 1 == cap) {
            char *grown = realloc(buf, cap * 2);
            oom = grown == NULL;
            buf = grown ? grown : buf;
            cap = grown ? cap * 2 : cap;
        }
        char sink[4096];
        const ssize_t n =
            oom ? read(fd[0], sink, sizeof sink) : read(fd[0], buf + len, cap - 1 - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        len += oom ? 0 : (size_t)n;
    }
    close(fd[0]);
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : 1;
    if (oom) {
        free(buf);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    buf[len] = '\0';
    *output = buf;
    return 0;
}

int cli_on_path(const char *name)
{
    const char *path = getenv("PATH");
    if (!path) {
        return 0;
    }
    while (*path) {
        const char *end = strchr(path, ':');
        const size_t n = end ? (size_t)(end - path) : strlen(path);
        char file[4096];
        /* an empty entry is the current directory */
        if (snprintf(file, sizeof file, "%.*s/%s", n ? (int)n : 1, n ? path : ".", name) <
                (int)sizeof file &&
            access(file, X_OK) == 0) {
            return 1;
        }
        path += n;
        if (*path == ':') {
            path++;
        }
    }
    return 0;
}
