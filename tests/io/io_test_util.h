// Helpers of the file-format tests: scratch directories, raw file bytes,
// hand-built safetensors files and the checks every loader error must pass.
#ifndef MXACCEL_TESTS_IO_TEST_UTIL_H
#define MXACCEL_TESTS_IO_TEST_UTIL_H

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace iotest {

// A fresh directory under the test temp dir, removed with its contents.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;
    const std::string &path() const { return path_; }
    std::string file(const std::string &name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

std::string read_bytes(const std::string &path);
void write_bytes(const std::string &path, const std::string &bytes);

// 8-byte little-endian header length, the header as given, then data.
std::string safetensors_bytes(const std::string &header, const std::string &data);
// The header length field of a safetensors file's bytes.
uint64_t header_length(const std::string &file);

// The checked-in seed weights.
std::string seed_weights_path();

// rc is -1 and err a single non-empty line "<path>: ..." that mentions keyword.
::testing::AssertionResult is_one_line_error(int rc, const char *err, const std::string &path,
                                             const std::string &keyword);

}  // namespace iotest

#endif
