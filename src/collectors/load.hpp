// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// The 1, 5 and 15 minute load averages from /proc/loadavg.
class LoadCollector final : public Collector {
public:
    explicit LoadCollector(const std::string& proc_root);

    std::vector<SensorInfo> sensors() const override;
    void read(std::span<RawSample> out) override;

private:
    ProcFile loadavg_;
};

}  // namespace vitalsd
