/**
 * @file sim_rtl_lib.c
 * Loading a Verilated accelerator library (see sim_rtl_lib.h).
 */
#include "sim_rtl_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* dlerror's text on one line */
static const char *dl_reason(void)
{
    static _Thread_local char line[512];
    const char *e = dlerror();
    snprintf(line, sizeof line, "%s", e ? e : "unknown error");
    for (char *c = line; *c; c++) {
        *c = *c == '\n' ? ' ' : *c;
    }
    return line;
}

int sim_rtl_lib_open(sim_rtl_lib_t *l, const char *path, const char *key, char *err, size_t errlen)
{
    memset(l, 0, sizeof *l);
    /* RTLD_LOCAL: each library keeps its Verilator runtime to itself */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "cannot load the Verilated accelerator: %s", dl_reason());
        return -1;
    }
    accel_rtl_api_fn fn;
    void *sym = dlsym(h, ACCEL_RTL_API_SYMBOL);
    /* POSIX: a function pointer is read from dlsym's object pointer */
    memcpy(&fn, &sym, sizeof fn);
    const accel_rtl_api *api = sym ? fn() : NULL;
    if (!api) {
        snprintf(err, errlen, "%s is not a Verilated accelerator library (no %s)", path,
                 ACCEL_RTL_API_SYMBOL);
    } else if (api->version != ACCEL_RTL_API_VERSION ||
               api->program_bytes != sizeof(accel_program) ||
               api->counters_bytes != sizeof(accel_counters)) {
        snprintf(err, errlen,
                 "%s has interface version %u (%u-byte programs, %u-byte counters); this "
                 "mxaccel needs version %u (%zu, %zu): rebuild it",
                 path, (unsigned)api->version, (unsigned)api->program_bytes,
                 (unsigned)api->counters_bytes, ACCEL_RTL_API_VERSION, sizeof(accel_program),
                 sizeof(accel_counters));
    } else if (!api->config || strcmp(api->config, key) != 0) {
        snprintf(err, errlen, "%s is built for %s, not for %s", path,
                 api->config ? api->config : "(none)", key);
    } else {
        l->handle = h;
        l->api = api;
        return 0;
    }
    dlclose(h);
    return -1;
}

void sim_rtl_lib_close(sim_rtl_lib_t *l)
{
    if (l->handle) {
        dlclose(l->handle);
    }
    memset(l, 0, sizeof *l);
}
