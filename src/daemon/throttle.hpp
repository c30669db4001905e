// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "clock.hpp"

namespace vitalsd {

/// Lets a costly step run at most once per interval of CLOCK_MONOTONIC, the first time at once:
/// a read of files that may block or wake a device, a look for devices that may have come.
class Throttle {
public:
    /// How early a call may come and still pass. Ticks one interval apart are that far apart only
    /// on average (each reads the clock a little after its timer fired); without this, every
    /// other one-second tick would find the interval not quite over.
    static constexpr std::uint64_t kEarlyToleranceUsec = 50'000;

    Throttle(const Clock& clock, std::uint64_t interval_usec)
        : clock_(clock), interval_usec_(interval_usec) {}

    /// Returns true, and starts a new interval, when no interval has started yet or the last one
    /// has passed (within kEarlyToleranceUsec); false while it lasts.
    bool pass() {
        const auto now = clock_.monotonic_usec();
        if (passed_ && now - last_pass_usec_ + kEarlyToleranceUsec < interval_usec_) {
            return false;
        }
        passed_ = true;
        last_pass_usec_ = now;
        return true;
    }

private:
    const Clock& clock_;
    std::uint64_t interval_usec_;
    bool passed_ = false;
    std::uint64_t last_pass_usec_ = 0;
};

}  // namespace vitalsd
