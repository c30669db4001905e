// SPDX-License-Identifier: MIT
#include "sensor_catalog.hpp"

#include <algorithm>
#include <stdexcept>

#include "request_error.hpp"
#include "sensor_pattern.hpp"
#include "utf8.hpp"

namespace vitalsd {

SensorCatalog::SensorCatalog(std::vector<std::unique_ptr<Collector>> collectors) {
    if (collectors.size() > kMaxCollectors) {
        throw std::logic_error("too many collectors");
    }
    SensorChanges ignored;
    for (auto& collector : collectors) {
        auto& source = sources_.emplace_back(Source{std::move(collector), {}, {}, {}});
        for (const auto& pattern : source.collector->later_sensor_patterns()) {
            source.later_sensors.emplace_back(pattern);
        }
        source.collector->read(source.scratch);
        adopt_sensors(sources_.size() - 1, ignored);
    }
}

void SensorCatalog::adopt_sensors(std::size_t collector, SensorChanges& changes) {
    auto& source = sources_[collector];
    const auto before = std::move(source.slots);
    source.slots.clear();
    for (const auto& provided : source.collector->sensors()) {
        // Labels and ids come from device names: bytes, where D-Bus wants UTF-8.
        SensorInfo sensor{to_valid_utf8(provided.id), provided.unit, to_valid_utf8(provided.label),
                          to_valid_utf8(provided.description), provided.kind};
        const auto [it, is_new] =
            index_.try_emplace(sensor.id, static_cast<SensorIndex>(sensors_.size()));
        if (is_new) {
            sensors_.push_back(std::move(sensor));
            available_.push_back(false);
            collector_of_.push_back(collector);
        } else {
            sensors_[it->second] = std::move(sensor);  // a label may change with the device
        }
        source.slots.push_back(it->second);
    }
    for (const auto sensor : before) {
        if (std::find(source.slots.begin(), source.slots.end(), sensor) == source.slots.end()) {
            available_[sensor] = false;
            changes.removed.push_back(sensors_[sensor].id);
        }
    }
    for (const auto sensor : source.slots) {
        if (!available_[sensor]) {
            available_[sensor] = true;
            changes.added.push_back(sensors_[sensor].id);
        }
    }
}

SensorSet SensorCatalog::available_sensors() const {
    SensorSet set;
    for (SensorIndex sensor = 0; sensor < sensors_.size(); ++sensor) {
        if (available_[sensor]) {
            set.push_back(sensor);
        }
    }
    return set;
}

SensorSet SensorCatalog::resolve(const std::vector<std::string>& names) const {
    return resolve(names, true);
}

SensorSet SensorCatalog::resolve_again(const std::vector<std::string>& names) const {
    return resolve(names, false);
}

SensorSet SensorCatalog::resolve(const std::vector<std::string>& names, bool strict) const {
    if (names.empty()) {
        return available_sensors();
    }
    SensorSet set;
    for (const auto& name : names) {
        const SensorPattern pattern(name);
        if (!pattern.is_wildcard()) {
            const auto found = index_.find(name);
            const bool known = found != index_.end() && (!strict || available_[found->second]);
            if (known) {
                set.push_back(found->second);
            } else if (strict) {
                throw RequestError(RequestError::Kind::UnknownSensor,
                                   "no sensor " + quoted_for_message(name));
            }
            continue;
        }
        for (SensorIndex sensor = 0; sensor < sensors_.size(); ++sensor) {
            if (available_[sensor] && pattern.matches(sensors_[sensor].id)) {
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

CollectorSet SensorCatalog::collectors_that_may_add(const std::vector<std::string>& names) const {
    // Only patterns: an id named a sensor that was there when it was given, and its collector
    // is read with it even while its device is gone.
    return collectors_whose_later_sensors_match(names, false);
}

CollectorSet SensorCatalog::collectors_that_may_add_ids(
    const std::vector<std::string>& names) const {
    return collectors_whose_later_sensors_match(names, true);
}

CollectorSet SensorCatalog::collectors_whose_later_sensors_match(
    const std::vector<std::string>& names, bool ids_too) const {
    std::vector<SensorPattern> patterns;
    for (const auto& name : names) {
        SensorPattern pattern(name);
        if (ids_too || pattern.is_wildcard()) {
            patterns.push_back(std::move(pattern));
        }
    }
    const auto wanted = [&](const SensorPattern& later) {
        return names.empty() ||
               std::any_of(patterns.begin(), patterns.end(),
                           [&](const SensorPattern& pattern) { return pattern.overlaps(later); });
    };
    CollectorSet collectors;
    for (std::size_t c = 0; c < sources_.size(); ++c) {
        const auto& later = sources_[c].later_sensors;
        collectors.set(c, std::any_of(later.begin(), later.end(), wanted));
    }
    return collectors;
}

CollectorSet SensorCatalog::all_collectors() const {
    CollectorSet collectors;
    for (std::size_t c = 0; c < sources_.size(); ++c) {
        collectors.set(c);
    }
    return collectors;
}

bool SensorCatalog::needs_two_readings(const SensorSet& sensors) const {
    return std::any_of(sensors.begin(), sensors.end(), [&](SensorIndex sensor) {
        return sensors_[sensor].kind != SensorKind::Gauge;
    });
}

void SensorCatalog::read(CollectorSet collectors, Reading& reading, SensorChanges& changes) {
    for (std::size_t c = 0; c < sources_.size(); ++c) {
        if (collectors.test(c) && sources_[c].collector->read(sources_[c].scratch)) {
            adopt_sensors(c, changes);
        }
    }
    reading.samples.assign(sensors_.size(), RawSample{});
    for (std::size_t c = 0; c < sources_.size(); ++c) {
        if (!collectors.test(c)) {
            continue;
        }
        const auto& source = sources_[c];
        const auto count = std::min(source.slots.size(), source.scratch.size());
        for (std::size_t i = 0; i < count; ++i) {
            reading.samples[source.slots[i]] = source.scratch[i];
        }
    }
}

}  // namespace vitalsd
