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

void HistoryRing::record(std::uint64_t monotonic_usec, std::uint64_t realtime_usec,
                         const std::vector<Value>& values) {
    if (capacity_ == 0 || values.empty()) {
        return;
    }
    const std::uint64_t second = monotonic_usec / 1'000'000u;
    if (entries_.empty() || entries_.back().second != second) {
        if (entries_.size() == capacity_) {
            entries_.pop_front();
        }
        entries_.push_back({second, realtime_usec, values});
        return;
    }
    auto& joined = entries_.back().values;
    const auto old_size = joined.size();
    for (const auto& value : values) {
        if (!std::binary_search(joined.begin(), joined.begin() + static_cast<long>(old_size), value,
                                by_sensor)) {
            joined.push_back(value);
        }
    }
    std::inplace_merge(joined.begin(), joined.begin() + static_cast<long>(old_size), joined.end(),
                       by_sensor);
}

std::deque<HistoryRing::Entry>::const_iterator HistoryRing::first_since(
    std::uint64_t since_usec) const {
    // Realtime stamps can step back when the clock is set, so search linearly from the end.
    auto it = entries_.end();
    while (it != entries_.begin() && std::prev(it)->realtime_usec > since_usec) {
        --it;
    }
    return it;
}

std::size_t HistoryRing::count_since(std::uint64_t since_usec) const {
    return static_cast<std::size_t>(entries_.end() - first_since(since_usec));
}

void HistoryRing::query(std::uint64_t since_usec, const std::vector<SensorIndex>& sensors,
                        std::vector<std::uint64_t>& timestamps,
                        std::vector<std::vector<double>>& series) const {
    const auto first = first_since(since_usec);
    const auto count = static_cast<std::size_t>(entries_.end() - first);
    timestamps.clear();
    timestamps.reserve(count);
    series.assign(sensors.size(), std::vector<double>(count, kMissing));
    for (auto it = first; it != entries_.end(); ++it) {
        const auto column = timestamps.size();
        timestamps.push_back(it->realtime_usec);
        for (std::size_t row = 0; row < sensors.size(); ++row) {
            const auto found = std::lower_bound(it->values.begin(), it->values.end(),
                                                Value{sensors[row], 0.0}, by_sensor);
            if (found != it->values.end() && found->first == sensors[row]) {
                series[row][column] = found->second;
            }
        }
    }
}

}  // namespace vitalsd
