/* Writes the ALU's ROM contents for rtl/mx_alu_rom.v ($readmemh) for one E
 * format (alu_rom.h).
 * Usage: mx_alu_tables FORMAT EXP_FILE LOG_FILE */
#include <stdio.h>

#include "alu_rom.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s FORMAT EXP_FILE LOG_FILE\n", argv[0]);
        return 2;
    }
    mx_format e;
    char err[512];
    if (mx_format_from_name(argv[1], &e, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    if (alu_rom_write(&e, argv[2], argv[3], err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    return 0;
}
