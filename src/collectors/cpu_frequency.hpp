// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../clock.hpp"
#include "collector.hpp"
#include "sysfs_attribute.hpp"

namespace vitalsd {

/// The frequency of each CPU from cpufreq, <sys>/devices/system/cpu/cpuN/cpufreq/
/// scaling_cur_freq: cpu/cpuN/frequency in MHz, for the CPUs that have cpufreq at start. Reading
/// the file can take up to ~20 ms on some kernels and drivers (it may ask the CPU itself), so the
/// files are read at most once a second and the values served from that read in between.
class CpuFrequencyCollector final : public Collector {
public:
    /// The shortest time between two reads of the files.
    static constexpr std::uint64_t kMinReadIntervalUsec = 1'000'000;

    CpuFrequencyCollector(const std::string& sys_root, const Clock& clock);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    const Clock& clock_;
    std::vector<SensorInfo> sensors_;
    std::vector<SysfsAttribute> files_;  // in the order of sensors_
    std::vector<RawSample> values_;      // from the last read of the files
    bool read_once_ = false;
    std::uint64_t last_read_usec_ = 0;
};

}  // namespace vitalsd
