// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "collectors/collector.hpp"
#include "collectors/sensor.hpp"
#include "sensor_pattern.hpp"

namespace vitalsd {

/// Sensor indices, sorted and unique.
using SensorSet = std::vector<SensorIndex>;

/// What a read found changed in the catalogue: the ids that came and went.
struct SensorChanges {
    std::vector<std::string> added;
    std::vector<std::string> removed;

    bool empty() const { return added.empty() && removed.empty(); }
};

/// Every sensor of every collector, each with an index that stays its own for the life of the
/// service, and the one place that reads them. Sensors of devices that come and go are marked
/// available or not; an id that comes back gets its old index again.
class SensorCatalog {
public:
    /// Reads every collector once to learn its sensors.
    explicit SensorCatalog(std::vector<std::unique_ptr<Collector>> collectors);

    /// Returns how many indices exist, available or not.
    std::size_t size() const { return sensors_.size(); }
    const SensorInfo& info(SensorIndex sensor) const { return sensors_[sensor]; }
    bool available(SensorIndex sensor) const { return available_[sensor]; }

    /// Returns the sensors available now, by index.
    SensorSet available_sensors() const;

    /// Returns the sensors named by ids and patterns; no names means every available sensor.
    /// Throws RequestError: InvalidArgument for a malformed name, UnknownSensor for an id that is
    /// not available. A pattern adds the available sensors it matches, maybe none.
    SensorSet resolve(const std::vector<std::string>& names) const;

    /// Like resolve, for names that were valid when given: an id keeps its index even while its
    /// device is gone, so its values come back with the device.
    SensorSet resolve_again(const std::vector<std::string>& names) const;

    /// Returns the collector of type T, or nullptr when there is none: for a caller that lists
    /// what only that collector knows (the applications behind the app/ sensors).
    template <typename T>
    T* find_collector() {
        for (const auto& source : sources_) {
            if (auto* collector = dynamic_cast<T*>(source.collector.get())) {
                return collector;
            }
        }
        return nullptr;
    }

    /// Returns the collectors that provide the given sensors.
    CollectorSet collectors_of(const SensorSet& sensors) const;
    CollectorSet all_collectors() const;

    /// Returns the collectors that may later add sensors that the names, valid ones, match: those
    /// to read now and then for a subscriber, so that it gets the devices that come. For no names
    /// (every sensor), every collector that may add sensors.
    CollectorSet collectors_that_may_add(const std::vector<std::string>& names) const;

    /// Like collectors_that_may_add, for ids as well as patterns: the collectors to read before
    /// an id is refused as unknown, in case its sensor came since they were last read.
    CollectorSet collectors_that_may_add_ids(const std::vector<std::string>& names) const;

    /// Returns whether any of the sensors needs two readings (a rate or a share).
    bool needs_two_readings(const SensorSet& sensors) const;

    /// Reads the given collectors now into reading, which it sizes to the catalogue; the samples
    /// of the other collectors are left missing. Adds to changes what came and went.
    void read(CollectorSet collectors, Reading& reading, SensorChanges& changes);

private:
    struct Source {
        std::unique_ptr<Collector> collector;
        std::vector<SensorIndex> slots;  // per sensor of the collector, its catalogue index
        std::vector<RawSample> scratch;  // reused for every read
        std::vector<SensorPattern> later_sensors;  // what the sensors it may add later match
    };

    void adopt_sensors(std::size_t collector, SensorChanges& changes);
    SensorSet resolve(const std::vector<std::string>& names, bool strict) const;
    CollectorSet collectors_whose_later_sensors_match(const std::vector<std::string>& names,
                                                      bool ids_too) const;

    std::vector<Source> sources_;
    std::vector<SensorInfo> sensors_;
    std::vector<bool> available_;
    std::vector<std::size_t> collector_of_;  // per sensor index
    std::unordered_map<std::string, SensorIndex> index_;
};

}  // namespace vitalsd
