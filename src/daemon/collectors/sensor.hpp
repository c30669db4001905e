// SPDX-License-Identifier: MIT
#pragma once

#include <bitset>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace vitalsd {

/// How a sensor's value follows from the kernel's raw numbers.
enum class SensorKind {
    Gauge,  ///< the value is the raw number itself (memory used, load)
    Rate,   ///< per second: the change of a counter over the time between two readings
    Share,  ///< percent: the change of one counter over the change of another (CPU time)
};

struct SensorInfo {
    std::string id;  ///< a path: cpu/cpu0/usage
    std::string unit;
    std::string label;
    std::string description;
    SensorKind kind = SensorKind::Gauge;

    bool operator==(const SensorInfo&) const = default;
};

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

/// What a collector reads for one sensor: a gauge's value or a counter (a); for a Share the
/// counter it is a share of (b). NaN in a means the sensor was not read or had no value.
struct RawSample {
    double a = kMissing;
    double b = kMissing;

    bool present() const { return !std::isnan(a); }
};

using SensorIndex = std::uint32_t;

inline constexpr std::size_t kMaxCollectors = 32;
/// Collectors, by their place in the catalogue.
using CollectorSet = std::bitset<kMaxCollectors>;

/// The raw samples of the whole catalogue at one moment, indexed by sensor index.
struct Reading {
    std::uint64_t monotonic_usec = 0;
    std::uint64_t realtime_usec = 0;
    std::vector<RawSample> samples;

    /// Returns the sample of a sensor; missing for a sensor added to the catalogue since.
    RawSample at(SensorIndex sensor) const {
        return sensor < samples.size() ? samples[sensor] : RawSample{};
    }
};

}  // namespace vitalsd
