/* The accelerator model's state and its per-descriptor engines. Internal
 * header of model/accel (docs/accelerator.md, "Schedule"). */
#ifndef MXACCEL_ACCEL_MODEL_INTERNAL_H
#define MXACCEL_ACCEL_MODEL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "accel.h"
#include "alu.h"
#include "dram.h"
#include "pe.h"
#include "pe_bf16.h"
#include "program.h"
#include "seu.h"

/* An epilogue lane: an fp32 adder (1 cycle) and three ALUs (docs/accelerator.md). */
#define ACCEL_EPI_LATENCY (1 + 3 * ALU_LATENCY)

/* The PE array's latency (docs/accelerator.md, "Units"): the MX array
 * registers the operands it reads from the buffers before its PEs, the
 * bfloat16 PE registers them itself; 4 cycles either way. */
#define ACCEL_ARRAY_LATENCY_MX (1 + PE_LATENCY)
#define ACCEL_ARRAY_LATENCY_BF16 PE_BF16_LATENCY

/* Result ring entries: a finished tile per pipeline stage of the longer
 * array, the one in the drain register and one to spare. */
#define ACCEL_RING_ENTRIES (ACCEL_ARRAY_LATENCY_BF16 + 2)

struct accel_model {
    const accel_program *p;
    uint8_t *act;      /* activation buffer */
    uint8_t *wgt;      /* weight buffer: two halves */
    size_t wgt_half;
    uint8_t *dram;     /* this instance's copy of the DRAM image */
    accel_dram bus;    /* the DRAM and its bus */
    bool bf16;         /* bfloat16 PE and SEU mode */
    pe_model pe;       /* the PE's block dot (MX formats) */
    pe_bf16_model pe16;
    seu_model seu;
    alu_model alu;
    unsigned ew;       /* bytes per E code */
    uint64_t cycle;    /* the current cycle */
    accel_counters *c;
    uint32_t layer;    /* the running descriptor's layer: its cycles count there */
    accel_trace trace; /* all NULL: none */
    /* the array's per-PE accumulators and result ring, rows * cols each */
    uint32_t *acc;
    uint32_t *ring;
    uint32_t *ring_bias; /* cols per ring entry: the tile's bias codes */
    uint32_t *rmax;      /* per lane: the RMAX register (fp32 bits of a value of E) */
    pe_operand *wdec;    /* decoded weight operands of the chunk at work [k][col] */
    uint32_t *wdec_tag;  /* per k: 1 + the chunk they were decoded for, 0 = none */
    size_t wdec_cap;
};

static inline uint32_t accel_get_code(const uint8_t *p, unsigned ew)
{
    return ew == 2 ? (uint32_t)p[0] | (uint32_t)p[1] << 8 : p[0];
}

static inline void accel_put_code(uint8_t *p, uint32_t code, unsigned ew)
{
    p[0] = (uint8_t)code;
    if (ew == 2) {
        p[1] = (uint8_t)(code >> 8);
    }
}

/* The end of the current cycle, after all of its counting: the cycle
 * counts for the running descriptor's layer and the run, the trace sees it,
 * and the next cycle begins. Every engine ends every cycle through here. */
static inline void accel_end_cycle(accel_model *m)
{
    m->c->layer[m->layer].cycles++;
    m->c->cycles = ++m->cycle;
    if (m->trace.cycle) {
        m->trace.cycle(m->trace.ctx, m->cycle - 1, m->c);
    }
}

/* Stored blocks (program.h, accel_slot_bytes): OCP packed MX blocks of n
 * codes with their scale, or n bfloat16 codes; unpacking fills codes[32]
 * (zero beyond n). */
void accel_slot_pack_mx(const mx_format *f, uint8_t scale, const uint8_t *codes, unsigned n,
                        uint8_t *dst);
uint8_t accel_slot_unpack_mx(const mx_format *f, const uint8_t *src, unsigned n, uint8_t *codes);
void accel_slot_pack_bf16(const uint16_t *codes, unsigned n, uint8_t *dst);
void accel_slot_unpack_bf16(const uint8_t *src, unsigned n, uint16_t *codes);

/* One bus cycle of a DMA read of DRAM from address src into a buffer at dst
 * (dram.h): the cycle's beat lands at its offset from dst; counts the beat
 * (dma_busy, dram_read_bytes and one buffer write into *buf_writes). Does
 * not end the cycle. */
void accel_dma_read_cycle(accel_model *m, accel_layer_counters *c, uint32_t src, uint8_t *dst,
                          uint64_t *buf_writes);

/* The engines: each runs one descriptor from m->cycle and leaves m->cycle at
 * the cycle the next descriptor starts, counting into m->c->layer[d->layer]. */
void accel_exec_transfer(accel_model *m, const accel_desc *d);
void accel_exec_seu(accel_model *m, const accel_desc *d);
void accel_exec_matmul(accel_model *m, const accel_desc *d);
void accel_exec_softmax(accel_model *m, const accel_desc *d);

#endif
