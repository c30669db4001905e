// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace vitalsd {

/// How old an earlier reading may be to serve as the first of the two a one-shot read measures a
/// rate between, in place of a new reading and a probe window: old enough for a steady rate,
/// young enough to still mean "now".
struct BaselineAge {
    std::uint64_t min_usec;
    std::uint64_t max_usec;

    /// Returns whether a reading this old can serve as the baseline.
    constexpr bool admits(std::uint64_t age_usec) const {
        return age_usec >= min_usec && age_usec <= max_usec;
    }
};

/// Below a tenth of a second, a rate would be mostly the jitter of when its readings were taken.
inline constexpr std::uint64_t kMinBaselineAgeUsec = 100'000;

/// A sampling tick's reading, for GetValues. Ticks come at the subscribers' intervals, so while
/// the sensors are sampled a tick is rarely far; one older than two seconds is stale, and a probe
/// costs only the sensors' few files and a quarter of a second.
inline constexpr BaselineAge kTickBaselineAge{kMinBaselineAgeUsec, 2'000'000};

/// The previous process scan, for ListProcesses. Only ListProcesses scans the processes, so the
/// baseline is the scan of the call before: vitalsctl top and vitals-monitor call every two
/// seconds, at times a little late, and a probe would cost a second scan of every process and a
/// wait. A scan therefore serves longer than a tick.
inline constexpr BaselineAge kProcessScanBaselineAge{kMinBaselineAgeUsec, 5'000'000};

}  // namespace vitalsd
