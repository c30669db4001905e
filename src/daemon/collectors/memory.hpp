// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// Fills out (the sensors of MemoryCollector, in order) from the text of /proc/meminfo.
void parse_meminfo(std::string_view text, std::span<RawSample> out);

/// Physical memory and swap from /proc/meminfo, in bytes, and the share in use.
class MemoryCollector final : public Collector {
public:
    explicit MemoryCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    std::vector<SensorInfo> sensors_;
    ProcFile meminfo_;
};

}  // namespace vitalsd
