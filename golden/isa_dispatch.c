/* Picks the kernel table for the CPU at run time (never at compile time):
 * the best supported ISA, or a lower one named by MXACCEL_ISA. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "mxaccel/isa.h"
#include "exact_gemm.h"
#include "exact_sparse.h"
#include "quant_kernels.h"

static const char *const isa_names[MX_ISA_COUNT] = {"generic", "avx2", "avx512"};
static const quant_kernels *const isa_tables[MX_ISA_COUNT] = {
    &mx_kernels_generic, &mx_kernels_avx2, &mx_kernels_avx512};

/* -1 until first use */
static _Atomic int active = -1;

int mx_isa_supported(mx_isa isa)
{
    __builtin_cpu_init();
    switch (isa) {
    case MX_ISA_GENERIC:
        return 1;
    case MX_ISA_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") &&
               __builtin_cpu_supports("f16c");
    case MX_ISA_AVX512:
        return mx_isa_supported(MX_ISA_AVX2) && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl");
    default:
        return 0;
    }
}

int mx_isa_from_name(const char *name, mx_isa *out)
{
    for (int i = 0; i < MX_ISA_COUNT; i++) {
        if (strcmp(name, isa_names[i]) == 0) {
            *out = (mx_isa)i;
            return 0;
        }
    }
    return -1;
}

const char *mx_isa_name(mx_isa isa)
{
    return (unsigned)isa < MX_ISA_COUNT ? isa_names[isa] : "?";
}

static int choose(void)
{
    int best = MX_ISA_GENERIC;
    for (int i = MX_ISA_COUNT - 1; i > MX_ISA_GENERIC; i--) {
        if (mx_isa_supported((mx_isa)i)) {
            best = i;
            break;
        }
    }
    const char *env = getenv("MXACCEL_ISA");
    mx_isa wanted;
    if (env && *env && mx_isa_from_name(env, &wanted) == 0 && (int)wanted < best) {
        best = (int)wanted;
    }
    return best;
}

mx_isa mx_isa_active(void)
{
    int a = atomic_load(&active);
    if (a < 0) {
        int expected = -1;
        atomic_compare_exchange_strong(&active, &expected, choose());
        a = atomic_load(&active);
    }
    return (mx_isa)a;
}

int mx_isa_force(mx_isa isa)
{
    if ((unsigned)isa >= MX_ISA_COUNT || !mx_isa_supported(isa)) {
        return -1;
    }
    atomic_store(&active, (int)isa);
    return 0;
}

const quant_kernels *mx_active_kernels(void)
{
    return isa_tables[mx_isa_active()];
}

void mx_exact_gemm(const double *a, const double *b, double *d, size_t m, size_t n, size_t k,
                   size_t lda)
{
    static void (*const variants[MX_ISA_COUNT])(const double *, const double *, double *, size_t,
                                                size_t, size_t, size_t) = {
        mx_exact_gemm_generic, mx_exact_gemm_avx2, mx_exact_gemm_avx512};
    variants[mx_isa_active()](a, b, d, m, n, k, lda);
}

void mx_exact_sparse_acc64(const double *w, size_t ldw, const uint16_t *idx, const double *val,
                           const uint32_t *start, size_t start_step, size_t count, float *acc,
                           size_t acc_step)
{
    static void (*const variants[MX_ISA_COUNT])(const double *, size_t, const uint16_t *,
                                                const double *, const uint32_t *, size_t, size_t,
                                                float *, size_t) = {
        mx_exact_sparse_acc64_generic, mx_exact_sparse_acc64_avx2, mx_exact_sparse_acc64_avx512};
    variants[mx_isa_active()](w, ldw, idx, val, start, start_step, count, acc, acc_step);
}
