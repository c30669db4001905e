// SPDX-License-Identifier: MIT
#pragma once

#include <time.h>

#include <cstdint>

namespace vitalsd {

/// Returns the clock's time in microseconds.
inline std::uint64_t clock_usec(clockid_t clock) {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000u +
           static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
}

/// Returns the time of day in microseconds (CLOCK_REALTIME): what the service's timestamps,
/// history and a client's "since" are counted in.
inline std::uint64_t realtime_now_usec() {
    return clock_usec(CLOCK_REALTIME);
}

}  // namespace vitalsd
