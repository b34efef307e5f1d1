/* Validity of the profile and rounding fields shared by every spec. Internal. */
#ifndef MXACCEL_PROFILE_CHECK_H
#define MXACCEL_PROFILE_CHECK_H

#include <stddef.h>

#include "mxaccel/quantize.h"

/* 0, or -1 with a one-line message in err. */
int mx_check_profile_round(mx_profile profile, mx_round round, char *err, size_t errlen);

#endif
