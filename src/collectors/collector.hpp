// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <vector>

#include "../sensor.hpp"

namespace vitalsd {

/// One subsystem's sensors (cpu, memory, load, ...), read from files under an injected root.
class Collector {
public:
    virtual ~Collector() = default;

    /// Returns the sensors this collector provides, in the order read() fills them.
    virtual std::vector<SensorInfo> sensors() const = 0;

    /// Reads the kernel's numbers now into out, one slot per sensor; a value the kernel does not
    /// give (an unreadable or truncated file) stays missing. Never throws.
    virtual void read(std::span<RawSample> out) = 0;
};

}  // namespace vitalsd
