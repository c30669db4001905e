// SPDX-License-Identifier: MIT
#include "sensor_directory.hpp"

#include <algorithm>

#include "sensor_pattern.hpp"

namespace vitalsd {

SensorDirectory::SensorDirectory(std::vector<SensorEntry> entries) : entries_(std::move(entries)) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        position_.emplace(entries_[i].id, i);
    }
}

std::string SensorDirectory::unit_of(std::string_view id) const {
    const auto rank = rank_of(id);
    return rank < entries_.size() ? entries_[rank].unit : std::string();
}

std::size_t SensorDirectory::rank_of(std::string_view id) const {
    const auto found = position_.find(std::string(id));
    return found == position_.end() ? entries_.size() : found->second;
}

std::vector<std::string> SensorDirectory::in_order(std::vector<std::string> ids) const {
    // Stable: unknown ids keep their order among themselves.
    std::stable_sort(ids.begin(), ids.end(),
                     [&](const auto& a, const auto& b) { return rank_of(a) < rank_of(b); });
    return ids;
}

std::vector<SensorEntry> SensorDirectory::matching(const std::vector<std::string>& patterns) const {
    if (patterns.empty()) {
        return entries_;
    }
    std::vector<vitalsd::SensorPattern> compiled(patterns.begin(), patterns.end());
    std::vector<SensorEntry> found;
    for (const auto& entry : entries_) {
        if (std::any_of(compiled.begin(), compiled.end(),
                        [&](const auto& pattern) { return pattern.matches(entry.id); })) {
            found.push_back(entry);
        }
    }
    return found;
}

SensorDirectory from_wire(const std::vector<SensorRowWire>& sensors) {
    std::vector<SensorEntry> entries;
    entries.reserve(sensors.size());
    for (const auto& row : sensors) {
        entries.push_back({row.get<0>(), row.get<1>(), row.get<2>(), row.get<3>()});
    }
    return SensorDirectory(std::move(entries));
}

}  // namespace vitalsd
