// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// Physical memory and swap from /proc/meminfo, in bytes, and the share in use.
class MemoryCollector final : public Collector {
public:
    explicit MemoryCollector(const std::string& proc_root);

    std::vector<SensorInfo> sensors() const override;
    void read(std::span<RawSample> out) override;

private:
    ProcFile meminfo_;
};

}  // namespace vitalsd
