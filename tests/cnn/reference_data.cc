#include "reference_data.h"

#include "vector_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mxtest {

std::string cnn_data_dir() { return MXACCEL_CNN_DATA_DIR; }
std::string default_weights_path() { return MXACCEL_DEFAULT_WEIGHTS; }

CnnReference read_cnn_reference(const std::string &matmul, const std::string &elem)
{
    const std::string path = cnn_data_dir() + "/cnn_" + matmul + "_" + elem + ".txt.gz";
    std::istringstream in(read_gz_text(path));
    CnnReference ref;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream w(line);
        std::string tag;
        w >> tag;
        if (tag == "#") {
            const auto pos = line.find("accuracy_10k=");
            if (pos != std::string::npos) {
                ref.accuracy = std::stod(line.substr(pos + 13));
            }
        } else if (tag == "out") {
            int index, arg;
            w >> index >> arg;
            std::vector<unsigned> lp(10);
            for (auto &v : lp) {
                std::string h;
                w >> h;
                v = static_cast<unsigned>(std::stoul(h, nullptr, 16));
            }
            ref.argmax.push_back(arg);
            ref.logprobs.push_back(lp);
        } else if (tag == "layer") {
            int index;
            std::string name, shape, h;
            w >> index >> name >> shape;
            std::vector<unsigned> vals;
            while (w >> h) {
                vals.push_back(static_cast<unsigned>(std::stoul(h, nullptr, 16)));
            }
            ref.layers[name] = vals;
        }
    }
    if (ref.argmax.size() != 200 || ref.layers.size() != MX_CNN_LAYERS || ref.accuracy <= 0) {
        throw std::runtime_error("malformed reference file " + path);
    }
    return ref;
}

std::vector<SummaryRow> read_cnn_summary()
{
    std::ifstream in(cnn_data_dir() + "/summary.txt");
    if (!in) {
        throw std::runtime_error("cannot open summary.txt");
    }
    std::vector<SummaryRow> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream w(line);
        SummaryRow r;
        w >> r.matmul >> r.elem >> r.accuracy;
        rows.push_back(r);
    }
    return rows;
}

mx_cnn_config cnn_config_from_names(const std::string &matmul, const std::string &elem,
                                    mx_profile profile)
{
    mx_cnn_config cfg;
    mx_cnn_config_default(&cfg);
    cfg.profile = profile;
    char err[256];
    if (matmul != "none") {
        if (mx_format_from_name(matmul.c_str(), &cfg.w_fmt, err, sizeof err) != 0) {
            throw std::runtime_error(err);
        }
        cfg.a_fmt = cfg.w_fmt;
        cfg.w_mx = cfg.a_mx = true;
    }
    if (elem != "none") {
        if (mx_format_from_name(elem.c_str(), &cfg.elem_fmt, err, sizeof err) != 0) {
            throw std::runtime_error(err);
        }
        cfg.elem = true;
    }
    return cfg;
}

}  // namespace mxtest
