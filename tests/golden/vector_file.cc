#include "vector_file.h"

#include <zlib.h>

#include <sstream>
#include <stdexcept>

namespace mxtest {

std::string read_gz_text(const std::string &path)
{
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) {
        throw std::runtime_error("cannot open " + path);
    }
    std::string text;
    char buf[1 << 16];
    int got;
    while ((got = gzread(f, buf, sizeof buf)) > 0) {
        text.append(buf, static_cast<size_t>(got));
    }
    int err = 0;
    const char *msg = gzerror(f, &err);
    const std::string why = msg ? msg : "";
    gzclose(f);
    if (got < 0 || err < 0) {
        throw std::runtime_error("cannot read " + path + ": " + why);
    }
    return text;
}

std::vector<std::vector<std::string>> read_gz_lines(const std::string &path)
{
    const std::string text = read_gz_text(path);
    std::vector<std::vector<std::string>> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream words(line);
        std::vector<std::string> w;
        std::string word;
        while (words >> word) {
            w.push_back(word);
        }
        lines.push_back(std::move(w));
    }
    return lines;
}

unsigned parse_hex32(const std::string &s)
{
    if (s.size() != 8) {
        throw std::runtime_error("not an 8-digit hex word: " + s);
    }
    size_t used = 0;
    unsigned long v = std::stoul(s, &used, 16);
    if (used != 8) {
        throw std::runtime_error("not an 8-digit hex word: " + s);
    }
    return static_cast<unsigned>(v);
}

std::string golden_data_dir()
{
    return MXACCEL_GOLDEN_DIR;
}

}  // namespace mxtest
