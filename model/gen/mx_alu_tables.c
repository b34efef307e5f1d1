/* Writes the ALU's ROM contents for rtl/mx_alu_rom.v ($readmemh): the exp
 * and log of every code of one E format, one hex code per line, taken from
 * the C model's tables (alu_init builds them from the golden functions), so
 * RTL and model share one table.
 * Usage: mx_alu_tables FORMAT EXP_FILE LOG_FILE */
#include <stdio.h>

#include "alu.h"

static int write_table(const char *path, const uint16_t *t, int width)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    const int digits = (width + 3) / 4;
    for (uint32_t c = 0; c < (1u << width); c++) {
        fprintf(f, "%0*x\n", digits, (unsigned)t[c]);
    }
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s FORMAT EXP_FILE LOG_FILE\n", argv[0]);
        return 2;
    }
    mx_format e;
    char err[128];
    if (mx_format_from_name(argv[1], &e, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    alu_model m;
    if (alu_init(&m, &e) != 0) {
        fprintf(stderr, "%s is not an ALU format\n", argv[1]);
        return 2;
    }
    const int rc = write_table(argv[2], m.exp_table, m.width) | write_table(argv[3], m.log_table, m.width);
    alu_free(&m);
    return rc ? 1 : 0;
}
