/* The ALU's ROM files (see alu_rom.h). */
#include "alu_rom.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "alu.h"

static int write_table(const char *path, const uint16_t *t, int width, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    const int digits = (width + 3) / 4;
    int bad = 0;
    for (uint32_t c = 0; c < (1u << width) && !bad; c++) {
        bad = fprintf(f, "%0*x\n", digits, (unsigned)t[c]) < 0;
    }
    if (fclose(f) != 0 || bad) {
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int alu_rom_write(const mx_format *e, const char *exp_path, const char *log_path, char *err,
                  size_t errlen)
{
    alu_model m;
    if (alu_init(&m, e) != 0) {
        snprintf(err, errlen, "%s is not an ALU format (or out of memory)", e->name);
        return -1;
    }
    const int rc = write_table(exp_path, m.exp_table, m.width, err, errlen) == 0 &&
                           write_table(log_path, m.log_table, m.width, err, errlen) == 0
                       ? 0
                       : -1;
    alu_free(&m);
    return rc;
}
