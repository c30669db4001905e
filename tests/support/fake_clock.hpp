// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "clock.hpp"

namespace vitalsd::test {

/// A clock that stands still until the test moves it, so tests about time never sleep.
class FakeClock final : public Clock {
public:
    static constexpr std::uint64_t kStartMonotonicUsec = 1'000'000'000;         // 1000 s of uptime
    static constexpr std::uint64_t kStartRealtimeUsec = 1'700'000'000'000'000;  // Nov 2023

    std::uint64_t monotonic_usec() const override { return monotonic_usec_; }
    std::uint64_t realtime_usec() const override { return realtime_usec_; }

    void set_monotonic_usec(std::uint64_t usec) { monotonic_usec_ = usec; }
    void set_realtime_usec(std::uint64_t usec) { realtime_usec_ = usec; }

    /// Moves both clocks on by the same amount, as time passing does.
    void advance_ms(std::uint64_t ms) {
        monotonic_usec_ += ms * 1000u;
        realtime_usec_ += ms * 1000u;
    }

private:
    std::uint64_t monotonic_usec_ = kStartMonotonicUsec;
    std::uint64_t realtime_usec_ = kStartRealtimeUsec;
};

}  // namespace vitalsd::test
