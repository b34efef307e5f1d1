#include "alu_golden.h"

#include <cmath>
#include <cstring>

#include "mxaccel/hw_alu.h"

bool alu_emits(const alu_input &t)
{
    return (t.op != MX_ALU_RMAX && t.op != MX_ALU_RSUM) || t.last;
}

std::vector<uint32_t> alu_golden_outputs(const mx_format &e, const std::vector<alu_input> &txns)
{
    std::vector<uint32_t> out;
    const uint32_t mask = (1u << e.storage_bits) - 1u;
    float max = 0.0f, acc = 0.0f;
    for (const alu_input &t : txns) {
        const uint32_t a = t.op == MX_ALU_QUANT ? t.a : t.a & mask;
        const float va = mx_hw_alu_decode(&e, a);
        uint32_t code;
        if (t.op == MX_ALU_RMAX) {
            max = t.first ? mx_hw_alu_running_max(&va, 1) : mx_hw_alu_max(max, va);
            code = mx_hw_alu_encode(&e, max);
        } else if (t.op == MX_ALU_RSUM) {
            acc = mx_hw_alu_sum_step(t.first ? 0.0f : acc, va);
            code = mx_hw_alu_encode(&e, mx_hw_alu_quant(&e, acc));
        } else {
            code = mx_hw_alu_eval_code(&e, static_cast<mx_alu_op>(t.op), a, t.b & mask);
        }
        if (alu_emits(t)) {
            out.push_back(code);
        }
    }
    return out;
}
