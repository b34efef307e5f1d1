/**
 * @file program.h
 * The layer program: what the compiler (compile.h) makes from the network,
 * the format configuration and the weights, and what the controller
 * (accel.h) and the RTL run. A program is a header (parameters, formats,
 * DRAM map) and a list of descriptors executed one after the other; it comes
 * with the DRAM image it addresses. docs/accelerator.md, "Layer program",
 * defines every field and the file format (program.txt + dram.bin).
 */
#ifndef MXACCEL_ACCEL_PROGRAM_H
#define MXACCEL_ACCEL_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mxaccel/format.h"
#include "mxaccel/quantize.h"
#include "params.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ACCEL_PROGRAM_VERSION 2

/** Descriptor operations. */
typedef enum accel_op {
    ACCEL_OP_LOAD,    /**< DRAM -> activation buffer */
    ACCEL_OP_SEU,     /**< E codes -> MX blocks, in the activation buffer */
    ACCEL_OP_MATMUL,  /**< PE array + epilogue lanes, weights streamed from DRAM */
    ACCEL_OP_SOFTMAX, /**< log(softmax) of rows of E codes on the ALU lanes */
    ACCEL_OP_STORE,   /**< activation buffer -> DRAM */
    ACCEL_OP_COUNT
} accel_op;

/** The network's layers: rows of the counters table. */
typedef enum accel_layer {
    ACCEL_LAYER_CONV1,
    ACCEL_LAYER_CONV2,
    ACCEL_LAYER_FC1,
    ACCEL_LAYER_FC2,
    ACCEL_LAYER_SOFTMAX,
    ACCEL_LAYER_COUNT
} accel_layer;

/** Epilogue steps of a MATMUL, in lane order (bits of accel_desc.epi). */
enum {
    ACCEL_EPI_BIAS32 = 1, /**< fp32 add of the column's bias (conv) */
    ACCEL_EPI_QUANT = 2,  /**< ALU QUANT: fp32 -> E */
    ACCEL_EPI_ADD = 4,    /**< ALU ADD of the column's bias (linear) */
    ACCEL_EPI_RELU = 8,   /**< ALU RELU */
    ACCEL_EPI_RMAX4 = 16  /**< ALU RMAX over 4 consecutive rows: 2x2 max-pooling */
};

/** Order of a convolution's output pixels along M. */
enum {
    ACCEL_ORDER_RASTER = 0, /**< m = h * out_w + w */
    ACCEL_ORDER_POOL2 = 1   /**< m = 4 * (ph * out_w/2 + pw) + 2 * dy + dx, pixel (2ph+dy, 2pw+dx) */
};

/**
 * One descriptor. Addresses are bytes; buffer addresses are offsets in the
 * activation buffer. Which fields an operation reads: docs/accelerator.md.
 */
typedef struct accel_desc {
#define ACCEL_FIELD(name) uint32_t name;
#include "program_fields.def"
#undef ACCEL_FIELD
} accel_desc;

/** A descriptor in DRAM: its fields as little-endian 32-bit words, in file order. */
enum {
    ACCEL_DESC_WORDS = sizeof(accel_desc) / sizeof(uint32_t),
    ACCEL_DESC_BYTES = 4 * ACCEL_DESC_WORDS
};

/** Write d as the controller reads it from DRAM (ACCEL_DESC_BYTES at dst). */
void accel_desc_encode(const accel_desc *d, uint8_t *dst);

/** A program and its DRAM image. */
typedef struct accel_program {
    accel_params hw;
    mx_format elem;      /**< E: activations between layers, the ALU's format */
    mx_format a_fmt;     /**< MX element format of activations in matmuls (or bfloat16) */
    mx_format w_fmt;     /**< of weights */
    mx_round round;      /**< the SEU's rounding */
    uint32_t images;     /**< images per run (<= hw.batch) */
    uint32_t input_dram, input_stride;   /**< image i's E codes at input_dram + i * input_stride */
    uint32_t output_dram, output_stride; /**< image i's 10 log-probability E codes */
    accel_desc *descs;
    size_t n_descs;
    uint32_t desc_dram;  /**< the descriptor table in the DRAM image: n_descs encoded descriptors */
    uint8_t *dram;       /**< the DRAM image (weights, biases, the descriptor table; input and
                              output areas zero) */
    size_t dram_bytes;
} accel_program;

void accel_program_free(accel_program *p);

const char *accel_op_name(accel_op op);
const char *accel_layer_name(accel_layer l);

/** Bytes of one E code in buffers and DRAM: 1 up to 8 bits, else 2 (little-endian). */
unsigned accel_elem_bytes(const mx_format *e);

/** Whether f is a bfloat16 matmul operand (the bfloat16 PE) rather than an MX element format. */
bool accel_is_bf16(const mx_format *f);

/** Bytes of one stored block of n elements of f: OCP packed (mx_pack.h), or n bfloat16 codes. */
unsigned accel_slot_bytes(const mx_format *f, unsigned n);

/** Where a MATMUL's weights lie: chunk (j, q) = column tile j, K range q. */
typedef struct accel_chunk {
    uint32_t dram;     /**< first byte */
    uint32_t bytes;    /**< biases (q == 0) then blocks [k][c] */
    uint32_t n0, cw;   /**< first column, valid columns */
    uint32_t k0, kn;   /**< first block, blocks */
    uint32_t bias_bytes;
} accel_chunk;

/** Chunks of a MATMUL in execution order; *n receives their count (malloc'd, NULL on failure). */
accel_chunk *accel_matmul_chunks(const accel_program *p, const accel_desc *d, size_t *n);

/**
 * Check a program against its own rules (fields in range, regions inside
 * the buffers and the DRAM image, formats the hardware has, at most
 * desc_slots descriptors, the descriptor table in the DRAM image equal to
 * the descriptors).
 * @return 0, or -1 with a one-line message naming the descriptor and field
 */
int accel_program_check(const accel_program *p, char *err, size_t errlen);

/** Write program.txt and dram.bin into dir (created if missing). 0, or -1 with a message. */
int accel_program_write(const accel_program *p, const char *dir, char *err, size_t errlen);

/** Read what accel_program_write wrote, checked. 0, or -1 with a one-line message. */
int accel_program_read(const char *dir, accel_program *p, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
