// SPDX-License-Identifier: MIT
// Reads scaling_cur_freq (kHz), documented in
// https://docs.kernel.org/admin-guide/pm/cpufreq.html ("Policy Interface in sysfs") and
// Documentation/ABI/testing/sysfs-devices-system-cpu.
#include "cpu_frequency.hpp"

#include <algorithm>

#include "directory_listing.hpp"
#include "parse.hpp"

namespace vitalsd {
namespace {

// Returns the N of the cpuN entries of devices/system/cpu, in order.
std::vector<unsigned> cpu_numbers(const std::string& dir) {
    std::vector<unsigned> cpus;
    for (const auto& entry : list_directory(dir)) {
        if (entry.starts_with("cpu")) {
            if (const auto n = parse::number<unsigned>(std::string_view(entry).substr(3))) {
                cpus.push_back(*n);
            }
        }
    }
    std::sort(cpus.begin(), cpus.end());
    return cpus;
}

}  // namespace

CpuFrequencyCollector::CpuFrequencyCollector(const std::string& sys_root, const Clock& clock)
    : clock_(clock) {
    const auto dir = sys_root + "/devices/system/cpu";
    for (const unsigned n : cpu_numbers(dir)) {
        const auto path = dir + "/cpu" + std::to_string(n) + "/cpufreq/scaling_cur_freq";
        SysfsAttribute file(path);
        if (!file.is_open()) {
            continue;  // no cpufreq driver, or the CPU is offline
        }
        const auto number = std::to_string(n);
        sensors_.push_back({"cpu/cpu" + number + "/frequency", "MHz",
                            "CPU " + number + " frequency",
                            "Current frequency of CPU " + number +
                                " as cpufreq gives it (scaling_cur_freq), read at most once a "
                                "second",
                            SensorKind::Gauge});
        files_.push_back(std::move(file));
    }
    values_.resize(files_.size());
}

bool CpuFrequencyCollector::read(std::vector<RawSample>& out) {
    const auto now = clock_.monotonic_usec();
    if (!read_once_ || now - last_read_usec_ >= kMinReadIntervalUsec) {
        for (std::size_t i = 0; i < files_.size(); ++i) {
            const auto khz = files_[i].read_number<unsigned long long>();
            values_[i] = khz ? RawSample{static_cast<double>(*khz) / 1000.0} : RawSample{};
        }
        read_once_ = true;
        last_read_usec_ = now;
    }
    out.assign(values_.begin(), values_.end());
    return false;
}

}  // namespace vitalsd
