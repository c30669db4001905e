// SPDX-License-Identifier: MIT
#include "history_ring.hpp"

#include <algorithm>

namespace vitalsd {
namespace {

bool by_sensor(const HistoryRing::Value& a, const HistoryRing::Value& b) {
    return a.first < b.first;
}

}  // namespace

HistoryRing::HistoryRing(std::size_t capacity) : capacity_(capacity) {}

HistoryRing::Entry& HistoryRing::next_slot() {
    if (count_ < capacity_) {
        if (slots_.size() == count_) {
            slots_.emplace_back();
        }
        return slots_[count_++];  // first_ stays 0 until the ring is full
    }
    Entry& oldest = slots_[first_];
    first_ = (first_ + 1) % capacity_;
    return oldest;
}

void HistoryRing::record(std::uint64_t monotonic_usec, std::uint64_t realtime_usec,
                         const std::vector<Value>& values) {
    if (capacity_ == 0 || values.empty()) {
        return;
    }
    if (count_ == 0 ||
        monotonic_usec >= entry(count_ - 1).monotonic_usec + kSpacingUsec - kToleranceUsec) {
        Entry& slot = next_slot();
        slot.monotonic_usec = monotonic_usec;
        slot.realtime_usec = realtime_usec;
        slot.values.assign(values.begin(), values.end());  // keeps the slot's capacity
        return;
    }
    auto& joined = slots_[(first_ + count_ - 1) % capacity_].values;
    const auto old_end = static_cast<std::ptrdiff_t>(joined.size());
    for (const auto& value : values) {
        if (!std::binary_search(joined.begin(), joined.begin() + old_end, value, by_sensor)) {
            joined.push_back(value);
        }
    }
    std::sort(joined.begin(), joined.end(), by_sensor);  // in place, unlike inplace_merge
}

std::size_t HistoryRing::skipped_before(std::uint64_t since_usec) const {
    // Realtime stamps can step back when the clock is set, so search linearly from the end.
    std::size_t newer = 0;
    while (newer < count_ && entry(count_ - 1 - newer).realtime_usec > since_usec) {
        ++newer;
    }
    return count_ - newer;
}

std::size_t HistoryRing::count_since(std::uint64_t since_usec) const {
    return count_ - skipped_before(since_usec);
}

void HistoryRing::query(std::uint64_t since_usec, const std::vector<SensorIndex>& sensors,
                        std::vector<std::uint64_t>& timestamps,
                        std::vector<std::vector<double>>& series) const {
    const auto first = skipped_before(since_usec);
    const auto count = count_ - first;
    timestamps.clear();
    timestamps.reserve(count);
    series.assign(sensors.size(), std::vector<double>(count, kMissing));
    for (std::size_t i = first; i < count_; ++i) {
        const auto& values = entry(i).values;
        const auto column = timestamps.size();
        timestamps.push_back(entry(i).realtime_usec);
        for (std::size_t row = 0; row < sensors.size(); ++row) {
            const auto found =
                std::lower_bound(values.begin(), values.end(), Value{sensors[row], 0.0}, by_sensor);
            if (found != values.end() && found->first == sensors[row]) {
                series[row][column] = found->second;
            }
        }
    }
}

}  // namespace vitalsd
