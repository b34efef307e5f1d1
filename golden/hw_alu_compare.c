/* MAX and RELU: comparisons, no rounding. MAX is torch.max's step as the
 * CNN's softmax takes it (a NaN in y wins, a NaN already in m stays); RELU
 * is the CNN's relu (-0 and negatives give +0, NaN propagates). */
#include <math.h>

#include "hw_alu_internal.h"

float mx_hw_alu_max(float m, float y)
{
    const float r = (y > m || isnan(y)) ? y : m;
    return isnan(r) ? alu_nan() : r;
}

float mx_hw_alu_relu(float x)
{
    if (isnan(x)) {
        return alu_nan();
    }
    return x > 0.0f ? x : 0.0f;
}
