// SPDX-License-Identifier: MIT
#pragma once

#include <bitset>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "collectors/collector.hpp"
#include "sensor.hpp"

namespace vitalsd {

/// Sensor indices, sorted and unique.
using SensorSet = std::vector<SensorIndex>;

inline constexpr std::size_t kMaxCollectors = 32;
using CollectorSet = std::bitset<kMaxCollectors>;

/// Every sensor of every collector, each with a stable index, and the one place that reads them.
class SensorCatalog {
public:
    explicit SensorCatalog(std::vector<std::unique_ptr<Collector>> collectors);

    const std::vector<SensorInfo>& sensors() const { return sensors_; }
    const SensorInfo& info(SensorIndex sensor) const { return sensors_[sensor]; }

    /// Returns the sensors named by ids and patterns; no names means every sensor. Throws
    /// RequestError: InvalidArgument for a malformed name, UnknownSensor for an id that does not
    /// exist. A pattern that matches nothing adds nothing.
    SensorSet resolve(const std::vector<std::string>& names) const;

    /// Returns the collectors that provide the given sensors.
    CollectorSet collectors_of(const SensorSet& sensors) const;

    /// Returns whether any of the sensors needs two readings (a rate or a share).
    bool needs_two_readings(const SensorSet& sensors) const;

    /// Reads the given collectors now into reading, which it sizes to the catalogue; the samples
    /// of the other collectors are left missing.
    void read(CollectorSet collectors, Reading& reading);

private:
    struct Range {
        std::size_t first;
        std::size_t count;
    };

    std::vector<std::unique_ptr<Collector>> collectors_;
    std::vector<Range> ranges_;              // per collector, its slice of sensors_
    std::vector<std::size_t> collector_of_;  // per sensor, its collector
    std::vector<SensorInfo> sensors_;
    std::unordered_map<std::string, SensorIndex> index_;
};

}  // namespace vitalsd
