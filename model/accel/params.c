/* The hardware parameter table and its parsing; see params.h. */
#include "params.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const accel_param_info kTable[] = {
#define ACCEL_PARAM(name, def, lo, hi, help) {#name, def, lo, hi, help, offsetof(accel_params, name)},
#include "params.def"
#undef ACCEL_PARAM
};

const accel_param_info *accel_param_table(size_t *n)
{
    *n = sizeof kTable / sizeof kTable[0];
    return kTable;
}

/* a == b with '-' in a read as '_' */
static bool same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        if ((*a == '-' ? '_' : *a) != *b) {
            return false;
        }
    }
    return *a == *b;
}

const accel_param_info *accel_param_find(const char *name)
{
    for (size_t i = 0; i < sizeof kTable / sizeof kTable[0]; i++) {
        if (same_name(name, kTable[i].name)) {
            return &kTable[i];
        }
    }
    return NULL;
}

void accel_param_option(const accel_param_info *info, char *dst, size_t len)
{
    snprintf(dst, len, "--%s", info->name);
    for (char *c = dst; *c; c++) {
        *c = *c == '_' ? '-' : *c;
    }
}

void accel_params_default(accel_params *p)
{
    for (size_t i = 0; i < sizeof kTable / sizeof kTable[0]; i++) {
        *accel_param_ref(p, &kTable[i]) = kTable[i].def;
    }
}

int accel_param_set(accel_params *p, const char *name, const char *value, char *err, size_t errlen)
{
    const accel_param_info *info = accel_param_find(name);
    if (!info) {
        snprintf(err, errlen, "unknown hardware parameter '%.40s'", name);
        return -1;
    }
    char *end = NULL;
    errno = 0;
    const long v = strtol(value, &end, 10);
    if (end == value || *end != '\0' || errno != 0 || v < info->lo || v > info->hi) {
        snprintf(err, errlen, "%s must be an integer in %d..%d, got '%.40s'", info->name, info->lo,
                 info->hi, value);
        return -1;
    }
    *accel_param_ref(p, info) = (int)v;
    return 0;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) {
        *--e = '\0';
    }
    return s;
}

int accel_params_load(const char *path, accel_params *p, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    char line[512];
    int no = 0, status = 0;
    while (status == 0 && fgets(line, sizeof line, f)) {
        no++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%d: line too long", path, no);
            status = -1;
            break;
        }
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = '\0';
        }
        char *s = trim(line);
        if (*s == '\0') {
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%d: expected 'name = value', got '%.40s'", path, no, s);
            status = -1;
            break;
        }
        *eq = '\0';
        char msg[256];
        if (accel_param_set(p, trim(s), trim(eq + 1), msg, sizeof msg) != 0) {
            snprintf(err, errlen, "%s:%d: %s", path, no, msg);
            status = -1;
        }
    }
    if (status == 0 && ferror(f)) {
        snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
        status = -1;
    }
    fclose(f);
    return status;
}
