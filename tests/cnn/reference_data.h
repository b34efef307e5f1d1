// The reference outputs of the seed CNN under microxcaling (tests/data/cnn/).
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "mxaccel/cnn.h"

namespace mxtest {

struct CnnReference {
    double accuracy = 0;                          // 10k-image accuracy, percent
    std::vector<int> argmax;                      // images 0..199
    std::vector<std::vector<unsigned>> logprobs;  // images 0..199, 10 bit patterns
    std::map<std::string, std::vector<unsigned>> layers;  // image 0, by layer name
};

// Reads tests/data/cnn/cnn_<matmul>_<elem>.txt.gz; throws on malformed files.
CnnReference read_cnn_reference(const std::string &matmul, const std::string &elem);

// The configurations of tests/data/cnn/summary.txt: {matmul, elem, accuracy}.
struct SummaryRow {
    std::string matmul, elem;
    double accuracy;
};
std::vector<SummaryRow> read_cnn_summary();
inline void PrintTo(const SummaryRow &r, std::ostream *os) { *os << r.matmul << "/" << r.elem; }

// A configuration from mx_specs-style names ("none" = not set).
mx_cnn_config cnn_config_from_names(const std::string &matmul, const std::string &elem,
                                    mx_profile profile);

std::string cnn_data_dir();
std::string default_weights_path();

}  // namespace mxtest
