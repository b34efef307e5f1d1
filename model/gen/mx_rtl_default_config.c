/* Writes the RTL configuration of `mxaccel sim`'s default run (params.def's
 * defaults and the default weights' formats, as cli/sim_opts.c sets them:
 * fp8_e4m3 x fp8_e4m3, E fp8, nearest) for the build to prebuild its
 * Verilated library: line 1 the key, line 2 the E format, line 3 the top's
 * parameters (rtl_config.h).
 * Usage: mx_rtl_default_config OUT_FILE */
#include <stdio.h>
#include <string.h>

#include "rtl_config.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT_FILE\n", argv[0]);
        return 2;
    }
    accel_program p;
    memset(&p, 0, sizeof p);
    accel_params_default(&p.hw);
    char key[1024], params[1024], err[256];
    if (mx_format_from_name("fp8", &p.elem, err, sizeof err) != 0 ||
        mx_format_from_name("fp8_e4m3", &p.a_fmt, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    p.w_fmt = p.a_fmt;
    p.round = MX_ROUND_NEAREST;
    if (accel_rtl_config_key(&p, key, sizeof key) != 0 ||
        accel_rtl_config_params(&p, params, sizeof params) != 0) {
        fprintf(stderr, "configuration too long\n");
        return 1;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "%s\n%s\n%s\n", key, p.elem.name, params);
    return fclose(out) == 0 ? 0 : 1;
}
