/**
 * @file params.h
 * The accelerator's hardware parameters (params.def, docs/accelerator.md
 * "Parameters"): one struct, its defaults and limits, and the parsing of a
 * `--hw FILE` (lines `name = value`, `#` comments).
 */
#ifndef MXACCEL_ACCEL_PARAMS_H
#define MXACCEL_ACCEL_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct accel_params {
#define ACCEL_PARAM(name, def, lo, hi, help) int name;
#include "params.def"
#undef ACCEL_PARAM
} accel_params;

/** Description of one parameter, in params.def order. */
typedef struct accel_param_info {
    const char *name;
    int def, lo, hi;
    const char *help;
    size_t offset; /**< of its int in accel_params */
} accel_param_info;

/** The parameter table; *n receives its length. */
const accel_param_info *accel_param_table(size_t *n);

/** The table entry called name (underscores or dashes), or NULL. */
const accel_param_info *accel_param_find(const char *name);

static inline int *accel_param_ref(accel_params *p, const accel_param_info *info)
{
    return (int *)((char *)p + info->offset);
}

static inline int accel_param_get(const accel_params *p, const accel_param_info *info)
{
    return *(const int *)((const char *)p + info->offset);
}

/** Its command-line option, "--" and the name with dashes (e.g. "--seu-lanes"). */
void accel_param_option(const accel_param_info *info, char *dst, size_t len);

/** Every parameter at its default. */
void accel_params_default(accel_params *p);

/**
 * Set one parameter from text (a decimal integer within its limits).
 * @return 0, or -1 with a one-line message naming the parameter
 */
int accel_param_set(accel_params *p, const char *name, const char *value, char *err, size_t errlen);

/**
 * Read a parameter file: `name = value` per line, `#` starts a comment.
 * Parameters not in the file keep their value in *p.
 * @return 0, or -1 with a one-line message (file:line: problem)
 */
int accel_params_load(const char *path, accel_params *p, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
