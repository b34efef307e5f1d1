/* bf16 GEMM through oneDNN's matmul primitive; see bf16_gemm.h. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include <oneapi/dnnl/dnnl.h>

#include "bf16_gemm.h"
#include "mxaccel/isa.h"

struct bf16_gemm {
    dnnl_engine_t engine;
    dnnl_stream_t stream;
    dnnl_primitive_t matmul;
    dnnl_memory_t a, b, c;
};

bool bf16_from_f32_checked(const float *src, uint16_t *dst, size_t n)
{
    uint32_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &src[i], sizeof u);
        const uint32_t mag = u & 0x7fffffffu;
        const uint32_t e = mag >> 23; /* biased exponent; 127 - 56 = 71, 127 + 56 = 183 */
        bad |= (u & 0xffffu) | (uint32_t)(mag != 0 && (e < 71 || e >= 183));
        dst[i] = (uint16_t)(u >> 16);
    }
    return bad == 0;
}

static void destroy_parts(bf16_gemm *g)
{
    if (g->a) {
        dnnl_memory_destroy(g->a);
    }
    if (g->b) {
        dnnl_memory_destroy(g->b);
    }
    if (g->c) {
        dnnl_memory_destroy(g->c);
    }
    if (g->matmul) {
        dnnl_primitive_destroy(g->matmul);
    }
    if (g->stream) {
        dnnl_stream_destroy(g->stream);
    }
    if (g->engine) {
        dnnl_engine_destroy(g->engine);
    }
    free(g);
}

bf16_gemm *bf16_gemm_create(int m, int n, int k, bool b_transposed)
{
    const unsigned need = (unsigned)dnnl_cpu_isa_avx512_core_bf16; /* ISA values are bit sets */
    if (mx_isa_active() != MX_ISA_AVX512 ||
        ((unsigned)dnnl_get_effective_cpu_isa() & need) != need) {
        return NULL;
    }
    omp_set_num_threads(1); /* the network threads over images */
    bf16_gemm *g = calloc(1, sizeof *g);
    if (!g) {
        return NULL;
    }
    dnnl_memory_desc_t ad, bd, cd;
    const dnnl_dims_t adims = {m, k}, bdims = {k, n}, cdims = {m, n};
    dnnl_primitive_desc_t pd = NULL;
    const char *impl = "";
    bool ok = dnnl_engine_create(&g->engine, dnnl_cpu, 0) == dnnl_success &&
              dnnl_stream_create(&g->stream, g->engine, dnnl_stream_default_flags) == dnnl_success &&
              dnnl_memory_desc_init_by_tag(&ad, 2, adims, dnnl_bf16, dnnl_ab) == dnnl_success &&
              dnnl_memory_desc_init_by_tag(&bd, 2, bdims, dnnl_bf16,
                                           b_transposed ? dnnl_ba : dnnl_ab) == dnnl_success &&
              dnnl_memory_desc_init_by_tag(&cd, 2, cdims, dnnl_f32, dnnl_ab) == dnnl_success;
    dnnl_matmul_desc_t md;
    ok = ok && dnnl_matmul_desc_init(&md, &ad, &bd, NULL, &cd) == dnnl_success &&
         dnnl_primitive_desc_create(&pd, &md, NULL, g->engine, NULL) == dnnl_success &&
         dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &impl) == dnnl_success &&
         strstr(impl, "bf16") != NULL && /* a native kernel, not the reference loops */
         dnnl_primitive_create(&g->matmul, pd) == dnnl_success &&
         dnnl_memory_create(&g->a, &ad, g->engine, DNNL_MEMORY_NONE) == dnnl_success &&
         dnnl_memory_create(&g->b, &bd, g->engine, DNNL_MEMORY_NONE) == dnnl_success &&
         dnnl_memory_create(&g->c, &cd, g->engine, DNNL_MEMORY_NONE) == dnnl_success;
    if (pd) {
        dnnl_primitive_desc_destroy(pd);
    }
    if (!ok) {
        destroy_parts(g);
        return NULL;
    }
    return g;
}

void bf16_gemm_run(bf16_gemm *g, const uint16_t *a, const uint16_t *b, float *c)
{
    omp_set_num_threads(1); /* per calling thread: one summation order whatever the pool */
    dnnl_memory_set_data_handle(g->a, (void *)a);
    dnnl_memory_set_data_handle(g->b, (void *)b);
    dnnl_memory_set_data_handle(g->c, c);
    const dnnl_exec_arg_t args[3] = {
        {DNNL_ARG_SRC, g->a}, {DNNL_ARG_WEIGHTS, g->b}, {DNNL_ARG_DST, g->c}};
    dnnl_primitive_execute(g->matmul, g->stream, 3, args);
    dnnl_stream_wait(g->stream);
}

void bf16_gemm_destroy(bf16_gemm *g)
{
    if (g) {
        destroy_parts(g);
    }
}
