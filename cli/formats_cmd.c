/**
 * @file formats_cmd.c
 * `mxaccel formats`: the MX element formats side by side (widths, range and
 * storage cost of a 32-element block), for comparing datapath sizes.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_args.h"
#include "cli_report.h"
#include "mxaccel/format.h"
#include "mxaccel/mx_pack.h"

enum { kRefBlock = 32 };

static const char kCmd[] = "formats";

static const char kHelp[] =
    "usage: mxaccel formats\n"
    "\n"
    "List the MX element formats: exponent bits, trailing mantissa bits (fraction\n"
    "bits for integers), exponent of the largest normal, largest finite value,\n"
    "bits of one stored element code, bits per element of a 32-element block\n"
    "including its 8-bit shared scale, and bytes of one packed 32-element block.\n"
    "Then the elementwise-only families bfloatN and fpN.\n"
    "\n"
    "exit status: 0 success, 2 bad command line.\n";

/** Describe a family by its narrowest member; the widths differ in mantissa only. */
static void print_family(const char *family, int lo, int hi, int (*get)(int, mx_format *))
{
    mx_format f;
    if (get(lo, &f) != 0) {
        return;
    }
    mx_format widest;
    if (get(hi, &widest) != 0) {
        return;
    }
    int offset = lo - mx_format_trailing_bits(&f);
    printf("%-8s N in %d..%d: %d exponent bits, N-%d trailing mantissa bits, emax %d, "
           "max %.9g (N=%d) .. %.9g (N=%d)\n",
           family, lo, hi, f.ebits, offset, f.emax, (double)f.max_norm, lo, (double)widest.max_norm,
           hi);
}

int cli_formats_main(int argc, char **argv)
{
    if (cli_asks_help(argc, argv)) {
        fputs(kHelp, stdout);
        return kCliExitOk;
    }
    if (argc > 1) {
        return cli_error(kCmd, kCliExitUsage,
                         "unknown argument '%.40s' (see mxaccel formats --help)", argv[1]);
    }
    size_t count = 0;
    const mx_format *fmts = mx_format_mx_elements(&count);
    printf("MX element formats (block of %d, 8-bit E8M0 scale):\n", kRefBlock);
    printf("%-10s %5s %5s %5s %14s %8s %10s %11s\n", "format", "ebits", "mant", "emax", "max",
           "storage", "bits/elem", "bytes/block");
    for (size_t i = 0; i < count; ++i) {
        const mx_format *f = &fmts[i];
        printf("%-10s %5d %5d %5d %14.9g %8d %10.4g %11zu\n", f->name, f->ebits,
               mx_format_trailing_bits(f), f->emax, (double)f->max_norm, f->storage_bits,
               mx_bits_per_element(f, kRefBlock), mx_packed_block_bytes(f, kRefBlock));
    }
    printf("\n"
           "mant: trailing (stored) mantissa bits; for integers the fraction bits.\n"
           "Aliases: fp4 = fp4_e2m1, float16 = fp16, bf16 = bfloat16.\n"
           "\n"
           "Elementwise-only families (mxaccel quant without --mx):\n");
    print_family("bfloatN", 10, 32, mx_format_bfloat);
    print_family("fpN", 7, 32, mx_format_fp);
    return kCliExitOk;
}
