/* Test helper: decode the packed blocks that `mxaccel quant --mx --emit packed`
 * prints and print their dequantized values in the layout of `--emit values`,
 * so that the two outputs of the same input can be compared.
 *
 * usage: unpack_blocks FORMAT BLOCK_SIZE TOTAL < packed-lines
 * TOTAL is the number of input words; the last block may be short. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mxaccel/format.h"
#include "mxaccel/mx_pack.h"

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: unpack_blocks FORMAT BLOCK_SIZE TOTAL\n");
        return 2;
    }
    mx_format f;
    if (mx_format_from_name(argv[1], &f, NULL, 0) != 0) {
        fprintf(stderr, "unpack_blocks: unknown format %s\n", argv[1]);
        return 2;
    }
    size_t bs = (size_t)strtoul(argv[2], NULL, 10);
    size_t total = (size_t)strtoul(argv[3], NULL, 10);
    size_t max_bytes = mx_packed_block_bytes(&f, bs > total ? bs : total);
    char *line = malloc(2 * max_bytes + 2);
    uint8_t *bytes = malloc(max_bytes);
    float *vals = malloc((bs > total ? bs : total) * sizeof(float));
    if (line == NULL || bytes == NULL || vals == NULL) {
        return 2;
    }
    int status = 0;
    size_t done = 0;
    for (size_t block = 1; done < total; ++block) {
        /* An input shorter than a block is one block of all of it. */
        size_t m = total - done < bs ? total - done : bs;
        size_t want = mx_packed_block_bytes(&f, m);
        if (fgets(line, (int)(2 * max_bytes + 2), stdin) == NULL) {
            fprintf(stderr, "unpack_blocks: block %zu missing\n", block);
            status = 1;
            break;
        }
        size_t len = strcspn(line, "\n");
        if (len != 2 * want) {
            fprintf(stderr, "unpack_blocks: block %zu has %zu hex digits, expected %zu\n", block,
                    len, 2 * want);
            status = 1;
            break;
        }
        for (size_t i = 0; i < want; ++i) {
            int hi = hex_digit(line[2 * i]);
            int lo = hex_digit(line[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                fprintf(stderr, "unpack_blocks: block %zu: bad hex\n", block);
                return 1;
            }
            bytes[i] = (uint8_t)(hi << 4 | lo);
        }
        mx_unpack_block(&f, bytes, m, NULL, vals);
        for (size_t i = 0; i < m; ++i) {
            uint32_t bits;
            memcpy(&bits, &vals[i], sizeof(bits));
            printf("%08x%c", (unsigned)bits, i + 1 < m ? ' ' : '\n');
        }
        done += m;
    }
    if (status == 0 && fgets(line, (int)(2 * max_bytes + 2), stdin) != NULL) {
        fprintf(stderr, "unpack_blocks: more blocks than expected\n");
        status = 1;
    }
    free(line);
    free(bytes);
    free(vals);
    return status;
}
