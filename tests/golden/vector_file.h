// Reads the reference vector files (gzip text, one case per line).
#pragma once

#include <string>
#include <vector>

namespace mxtest {

// The whole text of a .gz file; throws std::runtime_error naming the file.
std::string read_gz_text(const std::string &path);

// All non-comment lines of a .gz text file, split on whitespace.
// Throws std::runtime_error naming the file when it cannot be read.
std::vector<std::vector<std::string>> read_gz_lines(const std::string &path);

// Parses 8 hex digits; throws on anything else.
unsigned parse_hex32(const std::string &s);

// Directory of the copied reference data (set by CMake).
std::string golden_data_dir();

}  // namespace mxtest
