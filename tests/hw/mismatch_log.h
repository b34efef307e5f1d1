// Collects mismatches of a large sweep: reports the first few in full and
// the total, so one bug does not flood the log.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>

namespace hwref {

class MismatchLog {
public:
    explicit MismatchLog(std::string what, uint64_t show = 8) : what_(std::move(what)), show_(show) {}
    ~MismatchLog()
    {
        if (count_ > 0) {
            ADD_FAILURE() << what_ << ": " << count_ << " mismatches in total";
        }
    }
    void add(const std::string &detail)
    {
        if (count_ < show_) {
            ADD_FAILURE() << what_ << ": " << detail;
        }
        ++count_;
    }
    uint64_t count() const { return count_; }

private:
    std::string what_;
    uint64_t show_;
    uint64_t count_ = 0;
};

}  // namespace hwref
