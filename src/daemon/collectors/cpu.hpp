// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// The times of one cpu line of /proc/stat in clock ticks, in the kernel's order: user, nice,
/// system, idle, iowait, irq, softirq, steal (guest time is already inside user).
using CpuTimes = std::array<double, 8>;

/// Returns the times after a "cpu" or "cpuN" label of /proc/stat; the fields an old kernel lacks
/// are 0, and a line cut before idle is no reading at all (nullopt).
std::optional<CpuTimes> parse_cpu_times(std::string_view rest);

/// Returns the CPU numbers of the cpuN lines of /proc/stat text, in order, each once.
std::vector<unsigned> list_cpus(std::string_view text);

/// Appends to cpus, in the text's order, the CPUs of the cpuN lines of /proc/stat text that it
/// does not hold yet: those that came online.
void add_new_cpus(std::string_view text, std::vector<unsigned>& cpus);

/// Fills out (usage, user, system, iowait for all CPUs, then for each CPU listed in cpus, then
/// the count online) from the text of /proc/stat; what the text lacks stays missing. Returns
/// whether the text has a CPU that cpus does not list (one came online).
bool parse_proc_stat(std::string_view text, const std::vector<unsigned>& cpus,
                     std::span<RawSample> out);

/// CPU time shares from /proc/stat: cpu/all/* and cpu/cpuN/* (usage, user, system, iowait, in
/// percent) and cpu/all/count, the CPUs online. A CPU that comes online gets its sensors then.
class CpuCollector final : public Collector {
public:
    explicit CpuCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    // The shares of a CPU that comes online.
    std::vector<std::string> later_sensor_patterns() const override {
        return {"cpu/*/usage", "cpu/*/user", "cpu/*/system", "cpu/*/iowait"};
    }

private:
    void describe();

    std::vector<SensorInfo> sensors_;
    ProcFile stat_;
    std::vector<unsigned> cpus_;  // the CPU numbers found at start, in /proc/stat order
};

}  // namespace vitalsd
