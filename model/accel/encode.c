/* The host's side of a run: the test images as the E codes the program's
 * input area holds (docs/accelerator.md, "Layer program"). */
#include "accel.h"
#include "model_internal.h"
#include "mxaccel/hw_alu.h"

void accel_encode_images(const accel_program *p, const uint8_t *images, uint8_t *input)
{
    const unsigned ew = accel_elem_bytes(&p->elem);
    for (uint32_t i = 0; i < p->images; i++) {
        uint8_t *dst = input + (size_t)i * p->input_stride;
        for (int k = 0; k < 784; k++) {
            /* Qe(byte / 255): the ALU's QUANT */
            const float x = (float)images[(size_t)i * 784 + (size_t)k] / 255.0f;
            accel_put_code(dst + (size_t)k * ew, mx_hw_alu_encode(&p->elem, x), ew);
        }
    }
}
