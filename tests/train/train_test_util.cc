#include "train_test_util.h"

#include <cstring>

mx_cnn_config train_config(mx_profile profile, const char *matmul, const char *elem)
{
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = profile;
    if (matmul) {
        mx_format_from_name(matmul, &cfg.w_fmt, nullptr, 0);
        cfg.a_fmt = cfg.w_fmt;
        cfg.w_mx = cfg.a_mx = true;
    }
    if (elem) {
        mx_format_from_name(elem, &cfg.elem_fmt, nullptr, 0);
        cfg.elem = true;
    }
    return cfg;
}

const mx_dataset *train_dataset(int train)
{
    static mx_dataset sets[2];
    static int state[2]; // 0 not tried, 1 loaded, -1 failed
    const int k = train ? 1 : 0;
    if (state[k] == 0) {
        char err[512];
        state[k] = mx_dataset_load(MX_DEFAULT_DATA_DIR, train, &sets[k], err, sizeof err) == 0 ? 1
                                                                                               : -1;
    }
    return state[k] == 1 ? &sets[k] : nullptr;
}
