/**
 * @file hex_format.h
 * Lowercase hex formatting by table lookup: printf per word is far too slow
 * for the tens of millions of words a quantization run can print.
 */
#ifndef MXACCEL_CLI_HEX_FORMAT_H
#define MXACCEL_CLI_HEX_FORMAT_H

#include <stdint.h>
#include <string.h>

/** "000102...ff": the two digits of byte b start at 2 * b. */
extern const char kHexPairs[513];

/** Write the 2 hex digits of b at p; returns the position after them. */
static inline char *hex_put_u8(char *p, uint8_t b)
{
    memcpy(p, &kHexPairs[2u * b], 2);
    return p + 2;
}

/** Write the 8 hex digits of v at p; returns the position after them. */
static inline char *hex_put_u32(char *p, uint32_t v)
{
    memcpy(p, &kHexPairs[2u * (v >> 24)], 2);
    memcpy(p + 2, &kHexPairs[2u * ((v >> 16) & 0xffu)], 2);
    memcpy(p + 4, &kHexPairs[2u * ((v >> 8) & 0xffu)], 2);
    memcpy(p + 6, &kHexPairs[2u * (v & 0xffu)], 2);
    return p + 8;
}

#endif
