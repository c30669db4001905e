// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "../sensor.hpp"

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
};

}  // namespace vitalsd
