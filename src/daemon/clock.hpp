// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "clock_now.hpp"

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
    std::uint64_t monotonic_usec() const override { return clock_usec(CLOCK_MONOTONIC); }
    std::uint64_t realtime_usec() const override { return realtime_now_usec(); }
};

}  // namespace vitalsd
