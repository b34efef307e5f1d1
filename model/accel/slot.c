/* Stored blocks: OCP packed MX blocks (mx_pack.h: the scale byte, then the
 * codes LSB first) or bfloat16 codes; see model_internal.h. */
#include <string.h>

#include "model_internal.h"

void accel_slot_pack_mx(const mx_format *f, uint8_t scale, const uint8_t *codes, unsigned n,
                        uint8_t *dst)
{
    const unsigned w = (unsigned)f->storage_bits;
    dst[0] = scale;
    uint8_t *b = dst + 1;
    if (w == 8) {
        memcpy(b, codes, n);
        return;
    }
    memset(b, 0, (n * w + 7) / 8);
    for (unsigned i = 0; i < n; i++) {
        const unsigned bit = i * w;
        const uint32_t v = (uint32_t)(codes[i] & ((1u << w) - 1)) << (bit % 8);
        b[bit / 8] |= (uint8_t)v;
        if (bit % 8 + w > 8) {
            b[bit / 8 + 1] |= (uint8_t)(v >> 8);
        }
    }
}

uint8_t accel_slot_unpack_mx(const mx_format *f, const uint8_t *src, unsigned n, uint8_t *codes)
{
    memset(codes + n, 0, PE_N - n);
    const unsigned w = (unsigned)f->storage_bits;
    const uint8_t *b = src + 1;
    if (w == 8) {
        memcpy(codes, b, n);
        return src[0];
    }
    for (unsigned i = 0; i < n; i++) {
        const unsigned bit = i * w;
        uint32_t v = b[bit / 8];
        if (bit % 8 + w > 8) {
            v |= (uint32_t)b[bit / 8 + 1] << 8;
        }
        codes[i] = (uint8_t)((v >> (bit % 8)) & ((1u << w) - 1));
    }
    return src[0];
}

void accel_slot_pack_bf16(const uint16_t *codes, unsigned n, uint8_t *dst)
{
    for (unsigned i = 0; i < n; i++) {
        accel_put_code(dst + 2 * i, codes[i], 2);
    }
}

void accel_slot_unpack_bf16(const uint8_t *src, unsigned n, uint16_t *codes)
{
    for (unsigned i = 0; i < n; i++) {
        codes[i] = (uint16_t)accel_get_code(src + 2 * i, 2);
    }
    memset(codes + n, 0, (PE_BF16_N - n) * sizeof *codes);
}
