// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "collectors/sensor.hpp"

namespace vitalsd {

/// Recent sensor values, at most one entry a second, the oldest dropped beyond a fixed count.
/// Once full, recording reuses the storage of the entry it drops: no allocation per sample.
class HistoryRing {
public:
    using Value = std::pair<SensorIndex, double>;

    explicit HistoryRing(std::size_t capacity);

    /// Two entries are at least this far apart, less kToleranceUsec for timer jitter.
    static constexpr std::uint64_t kSpacingUsec = 1'000'000;
    static constexpr std::uint64_t kToleranceUsec = 50'000;

    /// Records values (sorted by sensor) taken at the given times. Values taken less than a
    /// second after the newest entry began join it unless it already has the sensor, so sensors
    /// sampled at different moments share one timeline of entries a second apart.
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
        std::uint64_t monotonic_usec;  // when the entry began
        std::uint64_t realtime_usec;
        std::vector<Value> values;  // sorted by sensor
    };

    /// Returns the entry i places after the oldest.
    const Entry& entry(std::size_t i) const { return slots_[(first_ + i) % capacity_]; }
    /// Returns how many of the oldest entries are not newer than since_usec.
    std::size_t skipped_before(std::uint64_t since_usec) const;
    Entry& next_slot();

    std::size_t capacity_;
    std::vector<Entry> slots_;  // grows to capacity_, then the oldest slot is reused
    std::size_t first_ = 0;     // the oldest entry
    std::size_t count_ = 0;
};

}  // namespace vitalsd
