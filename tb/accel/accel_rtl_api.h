/* The C ABI of a Verilated accelerator library (tb/accel/accel_rtl_lib.cc,
 * built per configuration by scripts/accel_rtl_build.sh): what
 * `mxaccel sim --engine rtl` finds with dlsym. C11 and C++17. */
#ifndef MXACCEL_TB_ACCEL_RTL_API_H
#define MXACCEL_TB_ACCEL_RTL_API_H

#include <stddef.h>
#include <stdint.h>

#include "accel.h"
#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever this struct or the meaning of its functions changes. */
#define ACCEL_RTL_API_VERSION 1u

/* The name of the exported function returning the table. */
#define ACCEL_RTL_API_SYMBOL "mx_accel_rtl_api"

typedef struct accel_rtl_api {
    uint32_t version;          /* ACCEL_RTL_API_VERSION */
    uint32_t program_bytes;    /* sizeof(accel_program) of the library: the layouts agree */
    uint32_t counters_bytes;   /* sizeof(accel_counters) */
    const char *config;        /* the configuration key it is built for (accel_rtl_config_key) */
    /* An instance for program p (which must outlive it), its program loaded;
     * NULL with a one-line message for another configuration or on failure. */
    void *(*create)(const accel_program *p, char *err, size_t errlen);
    /* One run: input is the DRAM image's input area (accel_encode_images),
     * codes receives [images][10] log-probability E codes, c the counters
     * read from the counter registers. 0, or -1 with a one-line message. */
    int (*run)(void *r, const uint8_t *input, uint32_t *codes, accel_counters *c, char *err,
               size_t errlen);
    void (*destroy)(void *r);
} accel_rtl_api;

typedef const accel_rtl_api *(*accel_rtl_api_fn)(void);

const accel_rtl_api *mx_accel_rtl_api(void);

#ifdef __cplusplus
}
#endif
#endif
