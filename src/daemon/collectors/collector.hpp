// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "sensor.hpp"

namespace vitalsd {

/// One subsystem's sensors (cpu, memory, network, ...), read from files under an injected root.
class Collector {
public:
    virtual ~Collector() = default;

    /// Returns the sensors this collector provides now, in the order read() fills them.
    virtual const std::vector<SensorInfo>& sensors() const = 0;

    /// Reads the kernel's numbers now into out, resized to one slot per sensor; a value the
    /// kernel does not give (an unreadable or truncated file) stays missing. Returns true when
    /// this read found the sensors changed (a device came or went): sensors() then lists the
    /// new set, in the order of out. Never throws.
    virtual bool read(std::vector<RawSample>& out) = 0;

    /// Returns patterns, as clients write them ('*' for any one segment), that every sensor this
    /// collector may add later matches: those of devices that come. While a subscriber's pattern
    /// may match one, the collector is read now and then, even with none of its sensors
    /// subscribed. Empty, the default, for a collector whose sensors are all there from the start.
    virtual std::vector<std::string> later_sensor_patterns() const { return {}; }
};

}  // namespace vitalsd
