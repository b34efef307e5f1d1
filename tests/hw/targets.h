// The formats under test: each pairs the library's mx_format with the
// independent reference description of the same format.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "mxaccel/format.h"
#include "ref_format.h"

namespace hwref {

struct Target {
    std::string label;  // gtest-friendly, e.g. "mx_fp8_e4m3", "ew_fp12"
    std::string name;   // the format name, e.g. "fp8_e4m3"
    bool mx_element;
};

// gtest prints parameters with this instead of a byte dump.
inline void PrintTo(const Target &t, std::ostream *os) { *os << t.label; }

// The OCP MX element formats the library must list, in table order.
const std::vector<std::string> &mx_element_names();

// MX element formats, then the elementwise bfloat16 bfloat12 fp16 fp12 fp10 fp8 fp7.
std::vector<Target> all_targets();
std::vector<Target> mx_targets();

// The library's format for a target (from mx_format_mx_elements() or
// mx_format_bfloat/mx_format_fp); fails the test if missing.
mx_format lib_format(const Target &t);
mx_format lib_format_named(const std::string &name);

}  // namespace hwref
