/**
 * @file hex_reader.h
 * Streaming reader of whitespace-separated fp32 bit patterns: each word is
 * exactly 8 hex digits, optionally prefixed 0x or 0X, either case. Input is
 * read in fixed chunks, so its size is bounded only by the caller's buffers.
 */
#ifndef MXACCEL_CLI_HEX_READER_H
#define MXACCEL_CLI_HEX_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum hex_status {
    kHexOk,      /**< the destination is full; more input may follow */
    kHexEof,     /**< the input ended */
    kHexBadWord, /**< a malformed word; message in msg */
    kHexIoError, /**< read failed; message in msg */
} hex_status_t;

/** The word being read when it does not fit the fast path. */
typedef struct hex_token {
    uint64_t len;     /**< bytes so far */
    uint64_t ndigits; /**< hex digits so far, not counting a 0x prefix */
    uint32_t value;   /**< the last 8 digits */
    int bad;          /**< first byte that is not a hex digit, or -1 */
    char text[21];    /**< first 20 bytes, for messages */
} hex_token_t;

typedef struct hex_reader {
    int fd;
    unsigned char *buf;
    size_t cap;
    size_t pos;
    size_t len;
    bool eof;
    bool in_token;
    hex_token_t tok;
    uint64_t nwords; /**< words accepted so far */
    char msg[160];   /**< one-line description of the last error */
} hex_reader_t;

/** Set up a reader of fd; returns 0, or -1 when out of memory. */
int hex_reader_init(hex_reader_t *r, int fd);

void hex_reader_free(hex_reader_t *r);

/**
 * Read words until max are stored, the input ends, or an error occurs.
 * @param got receives the number of words stored in dst
 */
hex_status_t hex_reader_fill(hex_reader_t *r, uint32_t *dst, size_t max, size_t *got);

#endif
