/* Names of profiles and rounding modes, as the CLI and mx_specs spell them. */
#include <stdio.h>
#include <string.h>

#include "profile_check.h"

#include "mxaccel/quantize.h"

static const char *const profile_names[MX_PROFILE_COUNT] = {"torch-cpu", "cuda-kernel", "hw"};
static const char *const round_names[MX_ROUND_COUNT] = {"nearest", "floor", "even"};

int mx_profile_from_name(const char *name, mx_profile *out)
{
    for (int i = 0; i < MX_PROFILE_COUNT; i++) {
        if (strcmp(name, profile_names[i]) == 0) {
            *out = (mx_profile)i;
            return 0;
        }
    }
    return -1;
}

const char *mx_profile_name(mx_profile p)
{
    return (unsigned)p < MX_PROFILE_COUNT ? profile_names[p] : "?";
}

int mx_round_from_name(const char *name, mx_round *out)
{
    for (int i = 0; i < MX_ROUND_COUNT; i++) {
        if (strcmp(name, round_names[i]) == 0) {
            *out = (mx_round)i;
            return 0;
        }
    }
    return -1;
}

const char *mx_round_name(mx_round r)
{
    return (unsigned)r < MX_ROUND_COUNT ? round_names[r] : "?";
}

int mx_check_profile_round(mx_profile profile, mx_round round, char *err, size_t errlen)
{
    if ((unsigned)profile >= MX_PROFILE_COUNT) {
        snprintf(err, errlen, "unknown profile %d", (int)profile);
        return -1;
    }
    if ((unsigned)round >= MX_ROUND_COUNT) {
        snprintf(err, errlen, "unknown rounding mode %d", (int)round);
        return -1;
    }
    return 0;
}
