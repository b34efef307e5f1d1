// One Verilated configuration of the accelerator top behind the C ABI of
// accel_rtl_api.h: a shared library of its own (scripts/accel_rtl_build.sh),
// with the Verilator runtime inside, exporting only mx_accel_rtl_api. The
// build writes accel_rtl_built.h: ACCEL_RTL_KEY, the configuration it is
// built for (rtl_config.h; desc_slots among it, which the program loader
// checks), and ACCEL_RTL_EXP_TABLE, ACCEL_RTL_LOG_TABLE, the ROM files the
// ALUs read when an instance starts.
// Errors, the Verilator runtime's fatal ones included (VL_USER_FATAL), are
// error returns: a library must never end the process that loaded it.
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "Vmx_accel.h"
#include "accel_rtl.h"
#include "accel_rtl_built.h"
#include "accel_rtl_api.h"
#include "rtl_config.h"

// The Verilator runtime's fatal errors (its default aborts).
void vl_fatal(const char *filename, int linenum, const char *hier, const char *msg)
{
    (void)hier;
    std::string where;
    if (filename && filename[0]) {
        where = std::string(filename) + ":" + std::to_string(linenum) + ": ";
    }
    throw std::runtime_error(where + msg);
}

namespace {

using Rtl = accel_tb::AccelRtl<Vmx_accel>;

void *create(const accel_program *p, char *err, size_t errlen)
{
    char key[1024];
    if (accel_rtl_config_key(p, key, sizeof key) != 0) {
        std::snprintf(err, errlen, "the program's configuration is too long");
        return nullptr;
    }
    if (std::strcmp(key, ACCEL_RTL_KEY) != 0) {
        std::snprintf(err, errlen, "the Verilated accelerator is built for %s, not for %s",
                      ACCEL_RTL_KEY, key);
        return nullptr;
    }
    // $readmemh only warns about a missing file and leaves the ROM zero
    for (const char *rom : {ACCEL_RTL_EXP_TABLE, ACCEL_RTL_LOG_TABLE}) {
        std::FILE *f = std::fopen(rom, "r");
        if (!f) {
            std::snprintf(err, errlen,
                          "the ALU ROM file %s of the Verilated accelerator is missing", rom);
            return nullptr;
        }
        std::fclose(f);
    }
    try {
        return new Rtl(*p);
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "the Verilated accelerator: %s", e.what());
    } catch (...) {
        std::snprintf(err, errlen, "the Verilated accelerator failed to start");
    }
    return nullptr;
}

int run(void *r, const uint8_t *input, uint32_t *codes, accel_counters *c, char *err,
        size_t errlen)
{
    try {
        static_cast<Rtl *>(r)->run(input, codes, c);
        return 0;
    } catch (const std::exception &e) {
        std::snprintf(err, errlen, "the Verilated accelerator: %s", e.what());
    } catch (...) {
        std::snprintf(err, errlen, "the Verilated accelerator failed");
    }
    return -1;
}

void destroy(void *r)
{
    delete static_cast<Rtl *>(r);
}

const accel_rtl_api kApi = {
    ACCEL_RTL_API_VERSION, uint32_t(sizeof(accel_program)), uint32_t(sizeof(accel_counters)),
    ACCEL_RTL_KEY,         create,
    run,                   destroy,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const accel_rtl_api *mx_accel_rtl_api(void)
{
    return &kApi;
}
