/* Stored blocks: OCP packed MX blocks (mx_pack.h) or bfloat16 codes; see
 * model_internal.h. */
#include <string.h>

#include "mxaccel/mx_pack.h"

#include "model_internal.h"

void accel_slot_pack_mx(const mx_format *f, uint8_t scale, const uint8_t *codes, unsigned n,
                        uint8_t *dst)
{
    uint16_t wide[PE_N];
    for (unsigned i = 0; i < n; i++) {
        wide[i] = codes[i];
    }
    mx_pack_codes(f, scale, wide, n, dst);
}

uint8_t accel_slot_unpack_mx(const mx_format *f, const uint8_t *src, unsigned n, uint8_t *codes)
{
    uint16_t wide[PE_N];
    const uint8_t scale = mx_unpack_codes(f, src, n, wide);
    for (unsigned i = 0; i < n; i++) {
        codes[i] = (uint8_t)wide[i]; /* MX element codes of the PE: at most 8 bits */
    }
    memset(codes + n, 0, PE_N - n);
    return scale;
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
