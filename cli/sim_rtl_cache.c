/**
 * @file sim_rtl_cache.c
 * Finding a configuration's Verilated library (see sim_rtl_cache.h).
 */
#include "sim_rtl_cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim_rtl_build.h"

/* The default configuration's entry in the build tree ("" without one). */
static const char kPrebuiltDir[] = MXACCEL_RTL_PREBUILT_DIR;

int sim_rtl_cache_dir(const char *opt, char *dir, size_t len, char *err, size_t errlen)
{
    const char *env = getenv("MXACCEL_RTL_CACHE");
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (opt) {
        n = snprintf(dir, len, "%s", opt);
    } else if (env && *env) {
        n = snprintf(dir, len, "%s", env);
    } else if (xdg && *xdg) {
        n = snprintf(dir, len, "%s/mxaccel/rtl", xdg);
    } else if (home && *home) {
        n = snprintf(dir, len, "%s/.cache/mxaccel/rtl", home);
    } else {
        snprintf(err, errlen, "no cache directory for Verilated accelerators: set --rtl-cache, "
                              "MXACCEL_RTL_CACHE or HOME");
        return -1;
    }
    if (n < 0 || (size_t)n >= len) {
        snprintf(err, errlen, "the cache directory's path is too long");
        return -1;
    }
    return 0;
}

/* mkdir -p */
static int make_dirs(const char *dir, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", dir);
    for (char *c = path + 1;; c++) {
        const char saved = *c;
        if (saved != '/' && saved != '\0') {
            continue;
        }
        *c = '\0';
        struct stat st;
        if (stat(path, &st) != 0) {
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                snprintf(err, errlen, "cannot create the cache directory %s: %s", path,
                         strerror(errno));
                return -1;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "the cache directory %s: %s is not a directory", dir, path);
            return -1;
        }
        *c = saved;
        if (saved == '\0') {
            return 0;
        }
    }
}

/* Whether entry dir holds a library for key (its config.txt). */
static int entry_has(const char *dir, const char *key)
{
    char file[4200], line[1024] = "";
    if (snprintf(file, sizeof file, "%s/config.txt", dir) >= (int)sizeof file) {
        return 0;
    }
    FILE *f = fopen(file, "r");
    if (!f) {
        return 0;
    }
    const int got = fgets(line, sizeof line, f) != NULL;
    fclose(f);
    line[strcspn(line, "\n")] = '\0';
    if (snprintf(file, sizeof file, "%s/" SIM_RTL_LIB_NAME, dir) >= (int)sizeof file) {
        return 0;
    }
    return got && strcmp(line, key) == 0 && access(file, R_OK) == 0;
}

int sim_rtl_find(const accel_program *p, const char *key, const char *cache_opt, char *path,
                 size_t len, char *err, size_t errlen)
{
    if (kPrebuiltDir[0] && entry_has(kPrebuiltDir, key)) {
        snprintf(path, len, "%s/" SIM_RTL_LIB_NAME, kPrebuiltDir);
        return 0;
    }
    char cache[4096], hash[32], entry[4200];
    if (sim_rtl_cache_dir(cache_opt, cache, sizeof cache, err, errlen) != 0 ||
        sim_rtl_inputs_hash(key, hash, sizeof hash, err, errlen) != 0) {
        return -1;
    }
    if (snprintf(entry, sizeof entry, "%s/%s", cache, hash) >= (int)sizeof entry) {
        snprintf(err, errlen, "the cache directory's path is too long");
        return -1;
    }
    if (!entry_has(entry, key)) {
        if (make_dirs(cache, err, errlen) != 0 || sim_rtl_build(p, key, entry, err, errlen) != 0) {
            return -1;
        }
    }
    if (snprintf(path, len, "%s/" SIM_RTL_LIB_NAME, entry) >= (int)len) {
        snprintf(err, errlen, "the cache directory's path is too long");
        return -1;
    }
    return 0;
}
