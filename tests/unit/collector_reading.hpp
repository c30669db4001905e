// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/collector.hpp"
#include "sampling/derive.hpp"

namespace vitalsd::test {

/// One read() of a collector, its samples looked up by sensor id.
struct CollectorReading {
    std::vector<SensorInfo> sensors;
    std::vector<RawSample> samples;

    /// Returns the sample of the sensor with this id; throws when the collector has no such
    /// sensor, so a renamed sensor fails the test instead of reading past the end.
    const RawSample& operator[](std::string_view id) const {
        const auto found = std::find_if(sensors.begin(), sensors.end(),
                                        [&](const SensorInfo& info) { return info.id == id; });
        if (found == sensors.end()) {
            throw std::out_of_range("no sensor '" + std::string(id) + "'");
        }
        return samples[static_cast<std::size_t>(found - sensors.begin())];
    }
};

/// Reads the collector once, into samples that start out as garbage rather than missing, so a
/// collector that leaves a slot untouched is caught.
inline CollectorReading read_collector(Collector& collector) {
    CollectorReading reading{{}, {}};
    reading.samples.assign(collector.sensors().size(), RawSample{-12345.0, -12345.0});
    collector.read(reading.samples);
    reading.sensors = collector.sensors();  // as they are after the read: devices come and go
    return reading;
}

/// Returns whether two reads in a row find the sensors unchanged (read() returns false) and fill
/// one slot per sensor: a collector's steady state.
inline bool reads_steadily(Collector& collector) {
    std::vector<RawSample> out;
    const bool changed = collector.read(out) || collector.read(out);
    return !changed && out.size() == collector.sensors().size();
}

/// Returns the per-second rate a sensor shows between two readings dt seconds apart.
inline double rate(const CollectorReading& before, const CollectorReading& after,
                   std::string_view id, double dt = 1.0) {
    return derive_value(SensorKind::Rate, before[id], after[id], dt);
}

/// Returns the ids of the sensors whose samples are present in the reading: none, for a
/// collector that found nothing to read.
inline std::vector<std::string> present_ids(const CollectorReading& reading) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        if (reading.samples[i].present()) {
            out.push_back(reading.sensors[i].id);
        }
    }
    return out;
}

/// Reads the collector once like read_collector, but takes the sensors as read() leaves them, for
/// a collector of devices that come and go; changed is what read() returned.
inline CollectorReading read_changing_collector(Collector& collector, bool& changed) {
    std::vector<RawSample> samples(collector.sensors().size(), RawSample{-12345.0, -12345.0});
    changed = collector.read(samples);
    return {collector.sensors(), std::move(samples)};
}

/// Returns the ids of the collector's sensors, in order.
inline std::vector<std::string> sensor_ids(const Collector& collector) {
    std::vector<std::string> ids;
    for (const auto& sensor : collector.sensors()) {
        ids.push_back(sensor.id);
    }
    return ids;
}

}  // namespace vitalsd::test
