/**
 * @file sweep_cmd.c
 * `mxaccel sweep`: `mxaccel train` over a grid of matmul x elementwise
 * formats, cells in parallel processes, resumable at epoch granularity, and
 * the seed's table and a CSV of every epoch.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"
#include "cli.h"
#include "cli_path.h"
#include "cli_report.h"
#include "sweep_cell.h"
#include "sweep_opts.h"
#include "sweep_spawn.h"
#include "sweep_table.h"
#include "train_ckpt.h"

static const char kCmd[] = "sweep";

static const char kHelp[] =
    "usage: mxaccel sweep [options] [training options]\n"
    "\n"
    "Train the seed CNN (as `mxaccel train`) in every cell of a grid of matmul x\n"
    "elementwise formats and tabulate the test accuracy like the seed's table. Every\n"
    "cell checkpoints after each epoch in its own directory; run the same command\n"
    "again after an interruption (even kill -9) and it recomputes nothing finished:\n"
    "finished cells are read back, unfinished ones resume from their last epoch.\n"
    "Results do not depend on --jobs or --threads.\n"
    "\n"
    "options:\n"
    "  --matmul LIST        MX formats of weights and activations in matmuls, the rows\n"
    "                       (comma-separated; default int2,int8,fp8_e4m3,fp8_e5m2,bfloat16)\n"
    "  --elem LIST          elementwise formats, the columns (bfloatN, fpN or none;\n"
    "                       default bfloat16,fp16,fp12,fp10,fp8)\n"
    "  --dir DIR            the sweep's state (default ./sweep; created if missing):\n"
    "                       DIR/<matmul>__<elem>/ holds the cell's " TRAIN_CKPT_NAME ",\n"
    "                       train.json (mxaccel train --json), weights.safetensors\n"
    "                       and train.log\n"
    "  --jobs N             cells trained at once, each in its own process, 1..64\n"
    "                       (default 1)\n"
    "  --threads T          threads per cell (default: online CPUs / N, at least 1)\n"
    "  --table FILE         markdown table (default DIR/table.md)\n"
    "  --csv FILE           CSV, one row per cell and epoch (default DIR/results.csv)\n"
    "  --table-epochs LIST  epochs shown in each table cell (default 5,10; an\n"
    "                       --epochs below 10 shows 5 and the last, or the last)\n"
    "  -h, --help           show this help\n"
    "\n"
    "training options, passed on to every cell (see mxaccel train --help):\n"
    "  --profile P, --epochs N (default 10), --seed S, --lr X, --gamma X,\n"
    "  --batch-size N, --limit N, --data DIR, --weights FILE, --block-size N,\n"
    "  --scale-bits N, --round R, --no-stats, --trace-nonfinite (a cell stops at its\n"
    "  first non-finite value; the table shows where, the CSV the trace), --trace-nan\n"
    "  (the same for the first NaN), --trace-grad (for the first non-finite gradient)\n"
    "\n"
    "The table shows accuracy_torch: test accuracy scored as torch.argmax scores it,\n"
    "where a row with a NaN predicts its first NaN (as the seed's script counted;\n"
    "accuracy counts such rows wrong). The two differ only when a row has a NaN.\n"
    "\n"
    "Progress on stdout: a line when a cell starts and when it ends; at the end the\n"
    "table. The table and CSV are rewritten (atomically) whenever a cell ends. The\n"
    "CSV columns: matmul, elem, epoch, lr, accuracy, accuracy_torch, loss, test_loss,\n"
    "test_nan_rows,\n"
    "nonfinite_loss_batches, nonfinite_grad_batches, nonfinite_weights, seconds,\n"
    "eval_seconds; a stopped cell adds a row with stop_batch, stop_image, stop_op,\n"
    "stop_tensor, stop_index, stop_inputs, stop_output (fp32 bit patterns).\n"
    "A cell's report made with other training options is an error, not a result.\n"
    "\n"
    "Errors are one line on stderr, starting \"mxaccel sweep: \"; a cell that fails\n"
    "is named with its log, and the other running cells are stopped (their finished\n"
    "epochs are kept for the next run).\n"
    "\n"
    "exit status:\n"
    "  0  every cell finished (or stopped at a non-finite value, with\n"
    "     --trace-nonfinite)\n"
    "  1  a cell failed, another sweep runs in DIR, a cell's report is corrupt or\n"
    "     from other options, unwritable outputs, or an I/O error\n"
    "  2  bad command line (as train's, plus the sweep's own options)\n";

typedef struct sweep_state {
    sweep_cell_t *cells;
    int n_cells;
    pid_t *pids; /**< per cell: its running process, or 0 */
    int lock_fd;
} sweep_state_t;

static void state_free(sweep_state_t *s)
{
    for (int i = 0; i < s->n_cells; ++i) {
        sweep_cell_free(&s->cells[i]);
    }
    free(s->cells);
    free(s->pids);
    if (s->lock_fd >= 0) {
        close(s->lock_fd);
    }
}

static int make_dir(const char *dir)
{
    char err[512] = "";
    if (cli_ensure_dir(dir, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

/** One sweep per directory: a second one would train the same cells twice. */
static int lock_sweep(const char *dir, sweep_state_t *s)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/sweep.lock", dir);
    s->lock_fd = open(path, O_RDWR | O_CREAT, 0666);
    if (s->lock_fd < 0) {
        return cli_error(kCmd, kCliExitInput, "cannot open %s: %s", path, strerror(errno));
    }
    struct flock fl;
    memset(&fl, 0, sizeof(fl));
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(s->lock_fd, F_SETLK, &fl) != 0) {
        struct flock holder = fl;
        long pid = fcntl(s->lock_fd, F_GETLK, &holder) == 0 ? (long)holder.l_pid : -1;
        return cli_error(kCmd, kCliExitInput, "another sweep (pid %ld) is running in %s", pid,
                         dir);
    }
    return kCliExitOk;
}

static int prepare(const sweep_opts_t *o, sweep_state_t *s)
{
    int status = make_dir(o->dir);
    if (status == kCliExitOk) {
        status = lock_sweep(o->dir, s);
    }
    if (status != kCliExitOk) {
        return status;
    }
    char err[512] = "";
    const char *outputs[] = {o->table, o->csv};
    for (int i = 0; i < 2; ++i) {
        if (atomic_file_probe(outputs[i], err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
    }
    s->n_cells = o->n_matmul * o->n_elem;
    s->cells = calloc((size_t)s->n_cells, sizeof(*s->cells));
    s->pids = calloc((size_t)s->n_cells, sizeof(*s->pids));
    if (s->cells == NULL || s->pids == NULL) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    for (int i = 0; i < s->n_cells; ++i) {
        sweep_cell_t *c = &s->cells[i];
        if (sweep_cell_init(c, o->dir, o->matmul[i / o->n_elem], o->elem[i % o->n_elem]) != 0) {
            return cli_error(kCmd, kCliExitInput, "out of memory");
        }
        if (sweep_cell_read(c, &o->cells[i], err, sizeof(err)) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
    }
    return kCliExitOk;
}

static bool finished(const sweep_cell_t *c)
{
    return c->state == kCellDone || c->state == kCellStopped;
}

static void print_outcome(const sweep_opts_t *o, const sweep_cell_t *c, const char *how)
{
    if (c->state == kCellStopped) {
        printf("%s x %s: %s: non-finite at epoch %d, batch %ld: %s in %s\n", c->matmul, c->elem,
               how, c->stop.epoch, c->stop.batch, c->stop.tensor, c->stop.op);
    } else {
        const sweep_epoch_t *last = &c->epochs[o->train.epochs - 1];
        printf("%s x %s: %s: %d epoch%s, accuracy %.2f%%\n", c->matmul, c->elem, how,
               o->train.epochs, o->train.epochs > 1 ? "s" : "", last->accuracy_torch);
    }
}

/** The last "mxaccel ...: " error line of a cell's log, for the sweep's own error. */
static void last_error(const char *log, char *line, size_t len)
{
    snprintf(line, len, "no error message");
    FILE *f = fopen(log, "r");
    if (f == NULL) {
        return;
    }
    char buf[1024];
    while (fgets(buf, sizeof(buf), f) != NULL) {
        if (strncmp(buf, "mxaccel ", 8) == 0) {
            buf[strcspn(buf, "\n")] = '\0';
            // Cut to the caller's buffer; a message is one short line.
            size_t n = strlen(buf) < len - 1 ? strlen(buf) : len - 1;
            memcpy(line, buf, n);
            line[n] = '\0';
        }
    }
    fclose(f);
}

/** A cell's process has ended: read its report back and judge the outcome. */
static int collect(const sweep_opts_t *o, int i, sweep_cell_t *c, int wstatus)
{
    char err[512] = "";
    if (sweep_cell_read(c, &o->cells[i], err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    bool exited = WIFEXITED(wstatus);
    int code = exited ? WEXITSTATUS(wstatus) : -1;
    if ((code == kCliExitOk && c->state == kCellDone) ||
        (code == kCliExitInput && c->state == kCellStopped)) {
        print_outcome(o, c, "finished");
        return kCliExitOk;
    }
    char why[600];
    last_error(c->log, why, sizeof(why));
    if (!exited) {
        return cli_error(kCmd, kCliExitInput, "cell %s x %s killed by signal %d; see %s",
                         c->matmul, c->elem, WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0, c->log);
    }
    return cli_error(kCmd, kCliExitInput, "cell %s x %s failed (exit %d): %s (see %s)", c->matmul,
                     c->elem, code, why, c->log);
}

static int start(const sweep_opts_t *o, sweep_state_t *s, int i)
{
    sweep_cell_t *c = &s->cells[i];
    int status = make_dir(c->dir);
    if (status != kCliExitOk) {
        return status;
    }
    char err[512] = "";
    pid_t pid = sweep_spawn_cell(o, c, err, sizeof(err));
    if (pid < 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->pids[i] = pid;
    if (c->n_epochs > 0) {
        printf("%s x %s: started, resuming after epoch %d\n", c->matmul, c->elem, c->n_epochs);
    } else {
        printf("%s x %s: started\n", c->matmul, c->elem);
    }
    fflush(stdout);
    return kCliExitOk;
}

static int save_table(const sweep_opts_t *o, const sweep_state_t *s)
{
    char err[512] = "";
    if (sweep_table_save(o, s->cells, err, sizeof(err)) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

/** After a failure: the other cells lose at most their unfinished epoch. */
static void stop_running(const sweep_state_t *s)
{
    for (int i = 0; i < s->n_cells; ++i) {
        if (s->pids[i] > 0) {
            kill(s->pids[i], SIGTERM);
        }
    }
}

/** Keep up to --jobs cells running until all are finished or one fails. */
static int run_cells(const sweep_opts_t *o, sweep_state_t *s)
{
    int next = 0, running = 0, status = kCliExitOk;
    for (;;) {
        while (status == kCliExitOk && running < o->jobs && next < s->n_cells) {
            int i = next++;
            if (finished(&s->cells[i])) {
                continue;
            }
            status = start(o, s, i);
            running += status == kCliExitOk;
        }
        if (running == 0) {
            return status;
        }
        if (status != kCliExitOk) {
            stop_running(s);
        }
        int wstatus = 0;
        pid_t pid = waitpid(-1, &wstatus, 0);
        if (pid < 0) {
            if (errno == EINTR) {
                continue;
            }
            return cli_error(kCmd, kCliExitInput, "waiting for cells: %s", strerror(errno));
        }
        for (int i = 0; i < s->n_cells; ++i) {
            if (s->pids[i] == pid) {
                s->pids[i] = 0;
                running--;
                if (status == kCliExitOk) {
                    status = collect(o, i, &s->cells[i], wstatus);
                } else {
                    // Stopped after another cell failed: keep what it finished, quietly.
                    char err[512];
                    (void)sweep_cell_read(&s->cells[i], &o->cells[i], err, sizeof(err));
                }
                int table_status = save_table(o, s);
                if (status == kCliExitOk) {
                    status = table_status;
                }
                fflush(stdout);
            }
        }
    }
}

static int run(const sweep_opts_t *o, sweep_state_t *s)
{
    int done = 0;
    for (int i = 0; i < s->n_cells; ++i) {
        done += finished(&s->cells[i]);
    }
    printf("sweep %s: %d x %d cells, %d epoch%s, %d finished before; %d job%s x %d thread%s\n",
           o->dir, o->n_matmul, o->n_elem, o->train.epochs, o->train.epochs > 1 ? "s" : "", done,
           o->jobs, o->jobs > 1 ? "s" : "", o->threads, o->threads > 1 ? "s" : "");
    for (int i = 0; i < s->n_cells; ++i) {
        if (finished(&s->cells[i])) {
            print_outcome(o, &s->cells[i], "finished before");
        }
    }
    int status = run_cells(o, s);
    int table_status = save_table(o, s);
    if (status == kCliExitOk) {
        status = table_status;
    }
    if (status == kCliExitOk) {
        putchar('\n');
        sweep_table_print(stdout, o, s->cells);
        printf("\ntable: %s\ncsv: %s\n", o->table, o->csv);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        return cli_error(kCmd, kCliExitInput, "write error on stdout");
    }
    return status;
}

int cli_sweep_main(int argc, char **argv)
{
    sweep_opts_t o;
    int status = sweep_opts_parse(argc, argv, &o);
    if (status == kCliExitOk && o.help) {
        fputs(kHelp, stdout);
    } else if (status == kCliExitOk) {
        sweep_state_t s = {.lock_fd = -1};
        status = prepare(&o, &s);
        if (status == kCliExitOk) {
            status = run(&o, &s);
        }
        state_free(&s);
    }
    sweep_opts_free(&o);
    return status;
}
