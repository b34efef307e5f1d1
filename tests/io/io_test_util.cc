#include "io_test_util.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace iotest {

ScratchDir::ScratchDir()
{
    std::string tmpl = ::testing::TempDir() + "mxaccel-io-XXXXXX";
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + tmpl);
    }
    path_ = buf.data();
}

ScratchDir::~ScratchDir()
{
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_bytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path);
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_bytes(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

std::string safetensors_bytes(const std::string &header, const std::string &data)
{
    std::string out;
    uint64_t n = header.size();
    for (int i = 0; i < 8; i++) {
        out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    }
    return out + header + data;
}

uint64_t header_length(const std::string &file)
{
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--) {
        n = n << 8 | static_cast<unsigned char>(file.at(static_cast<size_t>(i)));
    }
    return n;
}

std::string seed_weights_path()
{
    return MXACCEL_SEED_WEIGHTS;
}

::testing::AssertionResult is_one_line_error(int rc, const char *err, const std::string &path,
                                             const std::string &keyword)
{
    const std::string msg(err);
    if (rc != -1) {
        return ::testing::AssertionFailure() << "rc " << rc << ", message '" << msg << "'";
    }
    if (msg.find('\n') != std::string::npos) {
        return ::testing::AssertionFailure() << "message has a newline: '" << msg << "'";
    }
    if (msg.rfind(path + ": ", 0) != 0 || msg.size() <= path.size() + 2) {
        return ::testing::AssertionFailure() << "message does not start with the path: '" << msg
                                             << "'";
    }
    if (msg.find(keyword) == std::string::npos) {
        return ::testing::AssertionFailure()
               << "message lacks '" << keyword << "': '" << msg << "'";
    }
    return ::testing::AssertionSuccess() << msg;
}

}  // namespace iotest
