// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clock.hpp"
#include "collector.hpp"
#include "sysfs_attribute.hpp"
#include "throttle.hpp"

namespace vitalsd {

/// The frequency of each CPU from cpufreq, <sys>/devices/system/cpu/cpuN/cpufreq/
/// scaling_cur_freq: cpu/cpuN/frequency in MHz, for the CPUs that have cpufreq. Reading the file
/// can take up to ~20 ms on some kernels and drivers (it may ask the CPU itself), so the files
/// are read at most once a second and the values served from that read in between. A CPU that
/// gets cpufreq later (it came online) gets its sensor at such a read; one that goes offline
/// keeps it, without a value, as it may well come back.
class CpuFrequencyCollector final : public Collector {
public:
    /// The shortest time between two reads of the files.
    static constexpr std::uint64_t kMinReadIntervalUsec = 1'000'000;

    /// Finds the CPUs under <sys_root>/devices/system/cpu; clock says when a second has passed.
    CpuFrequencyCollector(const std::string& sys_root, const Clock& clock);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    std::vector<std::string> later_sensor_patterns() const override { return {"cpu/*/frequency"}; }
    bool read(std::vector<RawSample>& out) override;

private:
    struct Cpu {
        unsigned number = 0;
        std::string path;  // its scaling_cur_freq
        SysfsAttribute file;
    };

    // Opens the files of the CPUs that had none; returns whether any opened.
    bool open_new_files();
    // Makes a sensor for each CPU whose file is open, in order, and their values missing.
    void describe();

    std::vector<Cpu> cpus_;  // by number, with cpufreq or not
    std::vector<SensorInfo> sensors_;
    Throttle file_reads_;
    std::vector<RawSample> values_;  // from the last read of the files, in the order of sensors_
};

}  // namespace vitalsd
