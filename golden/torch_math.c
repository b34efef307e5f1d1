/* See torch_math.h. */
#include <pthread.h>
#include <sleef.h>

#include "torch_math.h"

/* Exported by libsleef; declared by sleef.h only under FP_FAST_FMA. */
float Sleef_expf1_u10purecfma(float);
float Sleef_logf1_u10purecfma(float);

static float (*expf_u10)(float);
static float (*logf_u10)(float);
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void choose(void)
{
    __builtin_cpu_init();
    const int fma = __builtin_cpu_supports("fma");
    expf_u10 = fma ? Sleef_expf1_u10purecfma : Sleef_expf1_u10purec;
    logf_u10 = fma ? Sleef_logf1_u10purecfma : Sleef_logf1_u10purec;
}

float mx_torch_expf(float x)
{
    pthread_once(&once, choose);
    return expf_u10(x);
}

float mx_torch_logf(float x)
{
    pthread_once(&once, choose);
    return logf_u10(x);
}
