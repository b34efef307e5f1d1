// Shared helpers of the training tests: configurations and the data set.
#pragma once

#include <string>

#include "mxaccel/cnn.h"
#include "mxaccel/io.h"

// none/none (plain fp32) or MX matmul format + elementwise format in a profile.
mx_cnn_config train_config(mx_profile profile, const char *matmul, const char *elem);
// The Fashion-MNIST training (train = 1) or test set, loaded once; nullptr if missing.
const mx_dataset *train_dataset(int train);
