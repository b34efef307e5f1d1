/* exp and log as PyTorch computes them on a CPU: SLEEF 3.5.1 u10 (the FMA
 * variants of torch's AVX2 build when the CPU has FMA). Internal header. */
#ifndef MXACCEL_TORCH_MATH_H
#define MXACCEL_TORCH_MATH_H

float mx_torch_expf(float x);
float mx_torch_logf(float x);

#endif
