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
    : file_reads_(clock, kMinReadIntervalUsec) {
    const auto dir = sys_root + "/devices/system/cpu";
    for (const unsigned n : cpu_numbers(dir)) {
        auto path = dir + "/cpu" + std::to_string(n) + "/cpufreq/scaling_cur_freq";
        SysfsAttribute file(path);  // not there without a cpufreq driver or while offline
        cpus_.push_back({n, std::move(path), std::move(file)});
    }
    describe();
}

void CpuFrequencyCollector::describe() {
    sensors_.clear();
    for (const auto& cpu : cpus_) {
        if (!cpu.file.is_open()) {
            continue;
        }
        const auto number = std::to_string(cpu.number);
        sensors_.push_back({"cpu/cpu" + number + "/frequency", "MHz",
                            "CPU " + number + " frequency",
                            "Current frequency of CPU " + number +
                                " as cpufreq gives it (scaling_cur_freq), read at most once a "
                                "second",
                            SensorKind::Gauge});
    }
    values_.assign(sensors_.size(), RawSample{});
}

bool CpuFrequencyCollector::open_new_files() {
    bool opened = false;
    for (auto& cpu : cpus_) {
        if (!cpu.file.is_open()) {
            cpu.file = SysfsAttribute(cpu.path);  // one failed open a second while it has none
            opened |= cpu.file.is_open();
        }
    }
    return opened;
}

bool CpuFrequencyCollector::read(std::vector<RawSample>& out) {
    bool changed = false;
    if (file_reads_.pass()) {
        changed = open_new_files();
        if (changed) {
            describe();
        }
        std::size_t slot = 0;
        for (auto& cpu : cpus_) {
            if (cpu.file.is_open()) {
                const auto khz = cpu.file.read_number<unsigned long long>();
                values_[slot++] = khz ? RawSample{static_cast<double>(*khz) / 1000.0} : RawSample{};
            }
        }
    }
    out.assign(values_.begin(), values_.end());
    return changed;
}

}  // namespace vitalsd
