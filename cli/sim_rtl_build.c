/**
 * @file sim_rtl_build.c
 * Building a Verilated accelerator library (see sim_rtl_build.h).
 */
#include "sim_rtl_build.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alu_rom.h"
#include "cli_clock.h"
#include "cli_run.h"
#include "rtl_config.h"

/* The source tree and its generated Verilog headers (set by the build). */
static const char kSourceDir[] = MXACCEL_SOURCE_DIR;
static const char kGenDir[] = MXACCEL_RTL_GEN_DIR;
static const char kScript[] = MXACCEL_SOURCE_DIR "/scripts/accel_rtl_build.sh";

static int need_gen_dir(char *err, size_t errlen)
{
    if (kGenDir[0] == '\0') {
        snprintf(err, errlen,
                 "this mxaccel is built without the RTL part (MXACCEL_RTL=OFF); "
                 "it cannot build a Verilated accelerator");
        return -1;
    }
    return 0;
}

/* The last non-empty line of text, for an error message. */
static void last_line(const char *text, char *line, size_t len)
{
    const char *end = text + strlen(text);
    while (end > text && (end[-1] == '\n' || end[-1] == ' ')) {
        end--;
    }
    const char *start = end;
    while (start > text && start[-1] != '\n') {
        start--;
    }
    snprintf(line, len, "%.*s", (int)(end - start), start);
}

/* FNV-1a, 64 bits: a cache name, not a checksum against tampering. */
static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3ull;
    }
    return h;
}

static int hash_file(uint64_t *h, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char buf[65536];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        *h = fnv(*h, buf, n);
        total += n;
    }
    const int bad = ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "cannot read %s", path);
        return -1;
    }
    /* the length ends each file: contents cannot shift between files */
    *h = fnv(*h, &total, sizeof total);
    return 0;
}

int sim_rtl_inputs_hash(const char *key, char *hex, size_t len, char *err, size_t errlen)
{
    if (need_gen_dir(err, errlen) != 0) {
        return -1;
    }
    char *argv[] = {"bash", (char *)kScript, "--inputs", (char *)kSourceDir, (char *)kGenDir, NULL};
    char *out = NULL;
    int status = 0;
    if (cli_run_capture(argv, &out, &status, err, errlen) != 0) {
        return -1;
    }
    if (status != 0) {
        char line[400];
        last_line(out, line, sizeof line);
        snprintf(err, errlen, "%s --inputs failed: %s", kScript, line);
        free(out);
        return -1;
    }
    uint64_t h = fnv(0xcbf29ce484222325ull, key, strlen(key) + 1);
    int rc = 0;
    for (char *path = strtok(out, "\n"); path && rc == 0; path = strtok(NULL, "\n")) {
        rc = hash_file(&h, path, err, errlen);
    }
    free(out);
    snprintf(hex, len, "%016" PRIx64, h);
    return rc;
}

/* Minutes a build takes, rounded up: measured on 2 cores, 30 s plus 1.6 s
 * per PE (the Verilated C++ grows with the array). */
static int build_minutes(const accel_program *p)
{
    const double seconds = 30.0 + 1.6 * (double)p->hw.rows * (double)p->hw.cols;
    return (int)((seconds + 59.0) / 60.0);
}

/* The ALU ROM files of E into a fresh temp directory (the script copies them). */
static int write_tables(const accel_program *p, char *dir, size_t dirlen, char *exp, char *log,
                        size_t len, char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dirlen, "%s/mxaccel-alu-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        snprintf(err, errlen, "cannot create a temp directory %s: %s", dir, strerror(errno));
        dir[0] = '\0';
        return -1;
    }
    snprintf(exp, len, "%s/mx_alu_exp.hex", dir);
    snprintf(log, len, "%s/mx_alu_log.hex", dir);
    return alu_rom_write(&p->elem, exp, log, err, errlen);
}

int sim_rtl_build(const accel_program *p, const char *key, const char *entry, char *err,
                  size_t errlen)
{
    if (need_gen_dir(err, errlen) != 0) {
        return -1;
    }
    if (!cli_on_path("verilator")) {
        snprintf(err, errlen,
                 "cannot build the Verilated accelerator for %s: verilator not found on PATH", key);
        return -1;
    }
    char params[1024];
    if (accel_rtl_config_params(p, params, sizeof params) != 0) {
        snprintf(err, errlen, "the configuration is too long");
        return -1;
    }
    char dir[4096] = "", exp[4200] = "", log[4200] = "";
    int rc = write_tables(p, dir, sizeof dir, exp, log, sizeof exp, err, errlen);
    char *argv[64] = {"bash", (char *)kScript, (char *)entry, (char *)kSourceDir,
                      (char *)kGenDir, exp, log, (char *)key};
    int argc = 8;
    for (char *a = strtok(params, " "); a && argc < 63; a = strtok(NULL, " ")) {
        argv[argc++] = a;
    }
    argv[argc] = NULL;
    char *out = NULL;
    int status = 0;
    const double start = cli_now_seconds();
    if (rc == 0) {
        const int minutes = build_minutes(p);
        fprintf(stderr,
                "mxaccel sim: building the Verilated accelerator for %s into %s (about %d "
                "minute%s)...\n",
                key, entry, minutes, minutes == 1 ? "" : "s");
        rc = cli_run_capture(argv, &out, &status, err, errlen);
    }
    if (exp[0]) {
        unlink(exp);
        unlink(log);
        rmdir(dir);
    }
    if (rc != 0) {
        return -1;
    }
    if (status != 0) {
        char line[1500];
        last_line(out, line, sizeof line);
        snprintf(err, errlen, "cannot build the Verilated accelerator: %s",
                 line[0] ? line : "the build script failed");
        free(out);
        return -1;
    }
    free(out);
    fprintf(stderr, "mxaccel sim: built in %.0f s\n", cli_now_seconds() - start);
    return 0;
}
