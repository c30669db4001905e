// SPDX-License-Identifier: MIT
#include "sensor_catalog.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <stdexcept>

#include "request_error.hpp"
#include "sensor_pattern.hpp"

namespace vitalsd {

SensorCatalog::SensorCatalog(std::vector<std::unique_ptr<Collector>> collectors)
    : collectors_(std::move(collectors)) {
    if (collectors_.size() > kMaxCollectors) {
        throw std::logic_error("too many collectors");
    }
    for (std::size_t c = 0; c < collectors_.size(); ++c) {
        auto described = collectors_[c]->sensors();
        ranges_.push_back({sensors_.size(), described.size()});
        for (auto& sensor : described) {
            index_.emplace(sensor.id, static_cast<SensorIndex>(sensors_.size()));
            collector_of_.push_back(c);
            sensors_.push_back(std::move(sensor));
        }
    }
}

SensorSet SensorCatalog::resolve(const std::vector<std::string>& names) const {
    SensorSet set;
    if (names.empty()) {
        set.resize(sensors_.size());
        std::iota(set.begin(), set.end(), SensorIndex{0});
        return set;
    }
    for (const auto& name : names) {
        const SensorPattern pattern(name);
        if (!pattern.is_wildcard()) {
            const auto found = index_.find(name);
            if (found == index_.end()) {
                throw RequestError(RequestError::Kind::UnknownSensor,
                                   "no sensor " + quoted_for_message(name));
            }
            set.push_back(found->second);
            continue;
        }
        for (SensorIndex sensor = 0; sensor < sensors_.size(); ++sensor) {
            if (pattern.matches(sensors_[sensor].id)) {
                set.push_back(sensor);
            }
        }
    }
    std::sort(set.begin(), set.end());
    set.erase(std::unique(set.begin(), set.end()), set.end());
    return set;
}

CollectorSet SensorCatalog::collectors_of(const SensorSet& sensors) const {
    CollectorSet collectors;
    for (const auto sensor : sensors) {
        collectors.set(collector_of_[sensor]);
    }
    return collectors;
}

bool SensorCatalog::needs_two_readings(const SensorSet& sensors) const {
    return std::any_of(sensors.begin(), sensors.end(), [&](SensorIndex sensor) {
        return sensors_[sensor].kind != SensorKind::Gauge;
    });
}

void SensorCatalog::read(CollectorSet collectors, Reading& reading) {
    reading.samples.assign(sensors_.size(), RawSample{});
    for (std::size_t c = 0; c < collectors_.size(); ++c) {
        if (collectors.test(c)) {
            const auto range = ranges_[c];
            collectors_[c]->read(std::span(reading.samples).subspan(range.first, range.count));
        }
    }
}

}  // namespace vitalsd
