#include "targets.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

namespace hwref {

const std::vector<std::string> &mx_element_names()
{
    static const std::vector<std::string> names = {"int8",     "int4",     "int2",     "fp8_e5m2", "fp8_e4m3",
                                                   "fp6_e3m2", "fp6_e2m3", "fp4_e2m1", "fp16",     "bfloat16"};
    return names;
}

std::vector<Target> mx_targets()
{
    std::vector<Target> t;
    for (const std::string &n : mx_element_names()) {
        t.push_back({"mx_" + n, n, true});
    }
    return t;
}

std::vector<Target> all_targets()
{
    std::vector<Target> t = mx_targets();
    for (const char *n : {"bfloat16", "bfloat12", "fp16", "fp12", "fp10", "fp8", "fp7"}) {
        t.push_back({std::string("ew_") + n, n, false});
    }
    return t;
}

mx_format lib_format_named(const std::string &name)
{
    mx_format f;
    std::memset(&f, 0, sizeof f);
    char err[128] = "";
    if (mx_format_from_name(name.c_str(), &f, err, sizeof err) != 0) {
        ADD_FAILURE() << "mx_format_from_name(" << name << "): " << err;
    }
    return f;
}

mx_format lib_format(const Target &t)
{
    mx_format f;
    std::memset(&f, 0, sizeof f);
    if (t.mx_element) {
        size_t count = 0;
        const mx_format *list = mx_format_mx_elements(&count);
        for (size_t i = 0; i < count; ++i) {
            if (t.name == list[i].name) {
                return list[i];
            }
        }
        ADD_FAILURE() << "mx_format_mx_elements() has no " << t.name;
        return f;
    }
    // Elementwise families: bfloatN / fpN by width.
    int rc;
    if (t.name.rfind("bfloat", 0) == 0) {
        rc = mx_format_bfloat(std::atoi(t.name.c_str() + 6), &f);
    } else {
        rc = mx_format_fp(std::atoi(t.name.c_str() + 2), &f);
    }
    if (rc != 0) {
        ADD_FAILURE() << "no elementwise format " << t.name;
    }
    return f;
}

}  // namespace hwref
