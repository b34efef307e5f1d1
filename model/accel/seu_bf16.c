/* An SEU lane's function for the bfloat16 PE (seu_bf16.h). */
#include "seu_bf16.h"

#include <string.h>

#include "mxaccel/hw_alu.h"
#include "seu.h"

void accel_seu_bf16(const mx_format *e, const mx_format *a_fmt, mx_round round,
                    const uint16_t *in, unsigned n, uint16_t *codes)
{
    float x[SEU_N] = {0}, y[SEU_N]; /* x zeroed: the compiler cannot see n <= SEU_N */
    for (unsigned i = 0; i < n; i++) {
        x[i] = mx_hw_alu_decode(e, in[i]);
    }
    const mx_block_spec spec = {.profile = MX_PROFILE_HW, .elem = *a_fmt, .round = round,
                                .block_size = SEU_N, .scale_bits = 8};
    mx_quantize_block(&spec, x, n, NULL, y);
    for (unsigned i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &y[i], sizeof u);
        /* values of E blocks dequantize to bfloat16 values (docs/accelerator.md) */
        codes[i] = y[i] != y[i] ? 0x7fc0u : (uint16_t)(u >> 16);
    }
}
