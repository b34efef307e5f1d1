// The DRAM beside the Verilated accelerator: the DRAM image's bytes and the
// DRAM rule of docs/accelerator.md ("Schedule"): a request made in cycle t
// is ready at t + latency; in every cycle the oldest ready request moves one
// beat of min(bytes_per_cycle, its remaining bytes); data in request order.
// The same rule as the C model's model/accel/dram.c, seen from the bus: the
// accelerator's DMA decides when to request, the DRAM when a beat moves.
#ifndef MXACCEL_TB_ACCEL_DRAM_H
#define MXACCEL_TB_ACCEL_DRAM_H

#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

class AccelDram {
  public:
    struct Beat {
        bool valid = false;
        bool write = false;
        uint32_t addr = 0;  // first byte of the beat
        uint32_t bytes = 0;
    };

    AccelDram(std::vector<uint8_t> image, uint32_t bytes_per_cycle, uint32_t latency)
        : mem_(std::move(image)), bpc_(bytes_per_cycle), latency_(latency)
    {
    }

    std::vector<uint8_t> &mem() { return mem_; }

    // A request this cycle (from the DMA's outputs).
    void request(uint64_t now, bool write, uint32_t addr, uint32_t bytes)
    {
        if (bytes == 0 || uint64_t(addr) + bytes > mem_.size()) {
            throw std::runtime_error("DRAM request of " + std::to_string(bytes) + " bytes at " +
                                     std::to_string(addr) + " outside the " +
                                     std::to_string(mem_.size()) + "-byte image");
        }
        q_.push_back({now + latency_, addr, bytes, write});
    }

    // The beat of this cycle, if the oldest request is ready; read data in rd.
    Beat beat(uint64_t now, uint8_t *rd)
    {
        Beat b;
        if (q_.empty() || q_.front().ready > now) {
            return b;
        }
        Req &r = q_.front();
        b.valid = true;
        b.write = r.write;
        b.addr = r.addr;
        b.bytes = r.left < bpc_ ? r.left : bpc_;
        std::memset(rd, 0, bpc_);
        if (!r.write) {
            std::memcpy(rd, &mem_[r.addr], b.bytes);
        }
        return b;
    }

    // The beat moved (after beat()); a write's data from the bus.
    void commit(const Beat &b, const uint8_t *wr)
    {
        Req &r = q_.front();
        if (b.write) {
            std::memcpy(&mem_[b.addr], wr, b.bytes);
        }
        r.addr += b.bytes;
        r.left -= b.bytes;
        if (r.left == 0) {
            q_.pop_front();
        }
    }

    bool idle() const { return q_.empty(); }

  private:
    struct Req {
        uint64_t ready;
        uint32_t addr, left;
        bool write;
    };
    std::vector<uint8_t> mem_;
    uint32_t bpc_, latency_;
    std::deque<Req> q_;
};

#endif
