/* Builds the round-up thresholds of SLEEF's log2f; see torch_floor_log2.h. */
#include <math.h>
#include <pthread.h>
#include <sleef.h>

#include "quant_params.h"
#include "torch_floor_log2.h"

/* Exported by libsleef but declared by sleef.h only under FP_FAST_FMA. It is
 * the scalar twin of the FMA ("finz") vector functions torch's AVX2 build
 * calls, and needs an FMA unit. */
float Sleef_log2f1_u10purecfma(float);

static uint32_t thresholds[256];
static uint32_t suspect_min;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* log2 is monotonic, so each binade's round-up region is a suffix of its
 * mantissas: binary-search its start. The long test
 * `TorchFloorLog2.ExhaustiveAgainstSleef` checks every fp32 input. */
static void build(void)
{
    __builtin_cpu_init();
    float (*log2f_u10)(float) =
        __builtin_cpu_supports("fma") ? Sleef_log2f1_u10purecfma : Sleef_log2f1_u10purec;
    thresholds[0] = 0x800000u;   /* subnormals: -127 */
    thresholds[255] = 0x800000u; /* Inf/NaN: 128 via e - 127 */
    for (uint32_t e = 1; e < 255; e++) {
        uint32_t lo = 0, hi = 0x800000u;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            float l = log2f_u10(mx_u2f((e << 23) | mid));
            if (floorf(l) > (float)((int)e - 127)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        thresholds[e] = lo;
    }
    suspect_min = 0x800000u;
    for (int e = 1; e < 255; e++) {
        suspect_min = thresholds[e] < suspect_min ? thresholds[e] : suspect_min;
    }
}

const uint32_t *mx_torch_log2_thresholds(void)
{
    pthread_once(&once, build);
    return thresholds;
}

uint32_t mx_torch_log2_suspect_min(void)
{
    pthread_once(&once, build);
    return suspect_min;
}
