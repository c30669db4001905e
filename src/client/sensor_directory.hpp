// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wire.hpp"

namespace vitalsd {

struct SensorEntry {
    std::string id;
    std::string unit;
    std::string label;
    std::string description;
};

/// The service's sensors as ListSensors gave them, in the service's order (CPU, memory,
/// load, ...), which is the order people expect rather than the alphabet's.
class SensorDirectory {
public:
    explicit SensorDirectory(std::vector<SensorEntry> entries);

    const std::vector<SensorEntry>& entries() const { return entries_; }

    /// Returns the sensor's unit, "" for a sensor the directory does not know.
    std::string unit_of(std::string_view id) const;

    /// Returns the sensor's place in the directory's order; unknown ids come after every known.
    std::size_t rank_of(std::string_view id) const;

    /// Returns the ids in the directory's order, those it does not know last.
    std::vector<std::string> in_order(std::vector<std::string> ids) const;

    /// Returns the keys of a reply's map (values or series by id) in the directory's order.
    template <typename Map>
    std::vector<std::string> keys_in_order(const Map& by_id) const {
        std::vector<std::string> ids;
        ids.reserve(by_id.size());
        for (const auto& item : by_id) {
            ids.push_back(item.first);
        }
        return in_order(std::move(ids));
    }

    /// Returns the entries that any of the ids or patterns matches (every entry when there are
    /// none), in order. Throws vitalsd::RequestError (InvalidArgument) for a malformed pattern,
    /// the same as the service would.
    std::vector<SensorEntry> matching(const std::vector<std::string>& patterns) const;

private:
    std::vector<SensorEntry> entries_;
    std::unordered_map<std::string, std::size_t> position_;
};

/// Returns the directory of the sensors a ListSensors reply carried, in the reply's order.
SensorDirectory from_wire(const std::vector<SensorRowWire>& sensors);

}  // namespace vitalsd
