/* SEU: seu_lanes blocks of E codes per cycle become MX blocks (the SEU's
 * function, model/seu.h); for the bfloat16 PE the hw profile's bfloat16
 * block quantizer, whose dequantized values are bfloat16 codes (seu_bf16.h).
 * A block that enters in cycle t leaves its lane in cycle t + SEU_LATENCY
 * and is written then; the model makes it (and counts its read and write)
 * at entry. */
#include "model_internal.h"
#include "seu_bf16.h"

static void bf16_block(accel_model *m, const uint16_t *in, unsigned n, uint8_t *dst)
{
    uint16_t codes[SEU_N];
    accel_seu_bf16(&m->p->elem, &m->p->a_fmt, m->p->round, in, n, codes);
    accel_slot_pack_bf16(codes, n, dst);
}

void accel_exec_seu(accel_model *m, const accel_desc *d)
{
    accel_layer_counters *c = &m->c->layer[d->layer];
    const unsigned lanes = (unsigned)m->p->hw.seu_lanes;
    const unsigned n = d->block_len, slot = accel_slot_bytes(&m->p->a_fmt, n);
    const uint8_t *src = m->act + d->src;
    uint8_t *dst = m->act + d->dst;
    uint32_t done = 0;
    while (done < d->blocks) {
        for (unsigned l = 0; l < lanes && done < d->blocks; l++, done++) {
            uint16_t in[SEU_N] = {0};
            for (unsigned i = 0; i < n; i++) {
                in[i] = (uint16_t)accel_get_code(src + ((size_t)done * n + i) * m->ew, m->ew);
            }
            if (m->bf16) {
                bf16_block(m, in, n, dst + (size_t)done * slot);
            } else {
                uint8_t codes[SEU_N];
                const uint8_t scale = seu_block(&m->seu, in, codes);
                accel_slot_pack_mx(&m->p->a_fmt, scale, codes, n, dst + (size_t)done * slot);
            }
            c->act_reads++;
            c->act_writes++;
        }
        c->seu_busy++;
        accel_end_cycle(m);
    }
    /* the last blocks go through the lanes and are written */
    for (unsigned i = 0; i < SEU_LATENCY; i++) {
        accel_end_cycle(m);
    }
}
