/* The RTL configuration of a program (see rtl_config.h). Also compiled into
 * each Verilated library (scripts/accel_rtl_build.sh), so both sides of the
 * key comparison run this code. */
#include "rtl_config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Parameters of params.def the top does not take: the batch is the
 * program's, the DRAM latency the DRAM model's beside the top. */
static bool skipped(const char *name)
{
    return strcmp(name, "batch") == 0 || strcmp(name, "dram_latency") == 0;
}

/* Append to buf at *used; false when it does not fit. */
static bool append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = vsnprintf(buf + *used, len - *used, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= len - *used) {
        return false;
    }
    *used += (size_t)n;
    return true;
}

/* name as a parameter name: upper case */
static void upper(const char *name, char *dst, size_t len)
{
    size_t i = 0;
    for (; name[i] && i + 1 < len; i++) {
        dst[i] = (char)toupper((unsigned char)name[i]);
    }
    dst[i] = '\0';
}

/* Each parameter the top takes, as "name=value" (or "NAME=value"). */
static bool hw_list(const accel_program *p, bool as_params, char *buf, size_t len, size_t *used)
{
    size_t n;
    const accel_param_info *t = accel_param_table(&n);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        if (skipped(t[i].name)) {
            continue;
        }
        char name[64];
        if (as_params) {
            upper(t[i].name, name, sizeof name);
        } else {
            snprintf(name, sizeof name, "%s", t[i].name);
        }
        ok = append(buf, len, used, "%s%s=%d", *used ? " " : "", name,
                    accel_param_get(&p->hw, &t[i]));
    }
    return ok;
}

int accel_rtl_config_key(const accel_program *p, char *buf, size_t len)
{
    size_t used = 0;
    if (len == 0) {
        return -1;
    }
    buf[0] = '\0';
    return hw_list(p, false, buf, len, &used) &&
                   append(buf, len, &used, " elem=%s a=%s w=%s round=%s", p->elem.name,
                          p->a_fmt.name, p->w_fmt.name, mx_round_name(p->round))
               ? 0
               : -1;
}

int accel_rtl_config_params(const accel_program *p, char *buf, size_t len)
{
    size_t used = 0;
    if (len == 0) {
        return -1;
    }
    buf[0] = '\0';
    /* E by its exponent and code bits, the operands by mx_format_id */
    return hw_list(p, true, buf, len, &used) &&
                   append(buf, len, &used, " E_EB=%d E_W=%d A_FMT=%d W_FMT=%d ROUND=%d",
                          p->elem.ebits, p->elem.storage_bits, (int)p->a_fmt.id,
                          (int)p->w_fmt.id, (int)p->round)
               ? 0
               : -1;
}
