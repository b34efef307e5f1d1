// A layer program for one Verilated configuration: the default weights
// compiled for the formats and hardware parameters ("name=value ..." over
// the defaults of model/accel/params.def) the top was Verilated with. Used
// by the RTL tests and the co-simulation.
#ifndef MXACCEL_TB_ACCEL_CONFIG_H
#define MXACCEL_TB_ACCEL_CONFIG_H

#include <cstdint>
#include <sstream>
#include <string>

#include "compile.h"
#include "mxaccel/cnn.h"
#include "params.h"
#include "program.h"

namespace accel_tb {

// hw from "name=value ..."; false with a message naming the bad word.
inline bool parse_hw(const char *text, accel_params *hw, std::string *error)
{
    accel_params_default(hw);
    std::istringstream s(text);
    std::string kv;
    while (s >> kv) {
        const std::size_t eq = kv.find('=');
        const accel_param_info *info =
            eq == std::string::npos ? nullptr : accel_param_find(kv.substr(0, eq).c_str());
        if (!info) {
            *error = "no hardware parameter: " + kv;
            return false;
        }
        *accel_param_ref(hw, info) = std::stoi(kv.substr(eq + 1));
    }
    return true;
}

// The hw profile with MX operands a x w and elementwise format e, compiled
// from weights w8 for a run of hw.batch images.
inline bool compile_config(const mx_cnn_weights &weights, const char *a, const char *w,
                           const char *e, const char *hw_text, accel_program *out,
                           std::string *error)
{
    char err[512] = "";
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = MX_PROFILE_HW;
    cfg.a_mx = cfg.w_mx = cfg.elem = true;
    accel_params hw;
    if (!parse_hw(hw_text, &hw, error)) {
        return false;
    }
    if (mx_format_from_name(a, &cfg.a_fmt, err, sizeof err) != 0 ||
        mx_format_from_name(w, &cfg.w_fmt, err, sizeof err) != 0 ||
        mx_format_from_name(e, &cfg.elem_fmt, err, sizeof err) != 0 ||
        accel_compile(&weights, &cfg, &hw, uint32_t(hw.batch), out, err, sizeof err) != 0) {
        *error = err;
        return false;
    }
    return true;
}

}  // namespace accel_tb

#endif
