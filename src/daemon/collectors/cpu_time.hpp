// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// The modes of CPU time, in the order of /proc/stat and of the sensors of each CPU.
inline constexpr std::array<std::string_view, 8> kCpuModes = {"user",   "nice", "system",  "idle",
                                                              "iowait", "irq",  "softirq", "steal"};

/// Fills out with the seconds each CPU spent in each mode (kCpuModes), all CPUs first, then each
/// CPU listed in cpus, from the text of /proc/stat, whose unit is ticks_per_second; what the
/// text lacks stays missing. Returns whether the text has a CPU that cpus does not list.
bool parse_cpu_seconds(std::string_view text, const std::vector<unsigned>& cpus,
                       double ticks_per_second, std::span<RawSample> out);

/// The kernel's counters of CPU time from /proc/stat: cpu/all/seconds/<mode> and
/// cpu/cpuN/seconds/<mode>, in seconds since boot, for the machines that compute rates
/// themselves (the shares of CpuCollector are the same counters over a client's interval). A
/// CPU that comes online gets its sensors then.
class CpuTimeCollector final : public Collector {
public:
    explicit CpuTimeCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override { return {"cpu/*/seconds/*"}; }

private:
    void describe();

    std::vector<SensorInfo> sensors_;
    ProcFile stat_;
    std::vector<unsigned> cpus_;  // the CPU numbers found so far, in /proc/stat order
    double ticks_per_second_;
};

}  // namespace vitalsd
