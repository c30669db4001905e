// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "sensor.hpp"

namespace vitalsd {

/// Recent sensor values, at most one entry a second, the oldest dropped beyond a fixed count.
class HistoryRing {
public:
    using Value = std::pair<SensorIndex, double>;

    explicit HistoryRing(std::size_t capacity);

    /// Records values (sorted by sensor) taken at the given times. Values from the same second of
    /// the monotonic clock as the newest entry join that entry unless it already has the sensor,
    /// so sensors sampled at different moments still share one timeline.
    void record(std::uint64_t monotonic_usec, std::uint64_t realtime_usec,
                const std::vector<Value>& values);

    /// Returns how many entries are newer than since_usec (CLOCK_REALTIME).
    std::size_t count_since(std::uint64_t since_usec) const;

    /// Fills the timestamps of the entries newer than since_usec and, per sensor asked for, a
    /// series aligned with them: NaN where an entry lacks that sensor.
    void query(std::uint64_t since_usec, const std::vector<SensorIndex>& sensors,
               std::vector<std::uint64_t>& timestamps,
               std::vector<std::vector<double>>& series) const;

private:
    struct Entry {
        std::uint64_t second;  // monotonic seconds, to group values taken in the same second
        std::uint64_t realtime_usec;
        std::vector<Value> values;  // sorted by sensor
    };

    std::deque<Entry>::const_iterator first_since(std::uint64_t since_usec) const;

    std::size_t capacity_;
    std::deque<Entry> entries_;
};

}  // namespace vitalsd
