// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// CPU time shares from /proc/stat: cpu/all/* and cpu/cpuN/* (usage, user, system, iowait, in
/// percent) and cpu/all/count, the CPUs online.
class CpuCollector final : public Collector {
public:
    explicit CpuCollector(const std::string& proc_root);

    std::vector<SensorInfo> sensors() const override;
    void read(std::span<RawSample> out) override;

private:
    ProcFile stat_;
    std::vector<unsigned> cpus_;  // the CPU numbers found at start, in /proc/stat order
};

}  // namespace vitalsd
