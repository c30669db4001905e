// SPDX-License-Identifier: MIT
#pragma once

#include <time.h>

#include <cstdint>

namespace vitalsd {

/// Where the service takes the time from; tests substitute their own.
class Clock {
public:
    virtual ~Clock() = default;
    /// Microseconds of CLOCK_MONOTONIC: for intervals and deadlines.
    virtual std::uint64_t monotonic_usec() const = 0;
    /// Microseconds of CLOCK_REALTIME: the timestamps clients see.
    virtual std::uint64_t realtime_usec() const = 0;
};

class SystemClock final : public Clock {
public:
    std::uint64_t monotonic_usec() const override { return now(CLOCK_MONOTONIC); }
    std::uint64_t realtime_usec() const override { return now(CLOCK_REALTIME); }

private:
    static std::uint64_t now(clockid_t clock) {
        timespec ts{};
        clock_gettime(clock, &ts);
        return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000u +
               static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
    }
};

}  // namespace vitalsd
