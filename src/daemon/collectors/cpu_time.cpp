// SPDX-License-Identifier: MIT
// Reads /proc/stat, documented in https://docs.kernel.org/filesystems/proc.html
// ("Miscellaneous kernel statistics in /proc/stat"): times in USER_HZ, sysconf(_SC_CLK_TCK).
#include "cpu_time.hpp"

#include <unistd.h>

#include <algorithm>

#include "cpu.hpp"
#include "parse.hpp"

namespace vitalsd {
namespace {

void fill_seconds(std::string_view rest, double ticks_per_second, std::span<RawSample> out) {
    const auto times = parse_cpu_times(rest);
    if (!times) {
        return;
    }
    for (std::size_t mode = 0; mode < kCpuModes.size(); ++mode) {
        out[mode] = {(*times)[mode] / ticks_per_second};
    }
}

}  // namespace

bool parse_cpu_seconds(std::string_view text, const std::vector<unsigned>& cpus,
                       double ticks_per_second, std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    if (out.size() != (cpus.size() + 1) * kCpuModes.size() || !(ticks_per_second > 0)) {
        return false;
    }
    bool unlisted = false;
    while (!text.empty()) {
        auto line = parse::next_line(text);
        const auto label = parse::next_field(line);
        if (!label.starts_with("cpu")) {
            break;  // the cpu lines come first
        }
        std::size_t slot = 0;
        if (label != "cpu") {
            const auto n = parse::number<unsigned>(label.substr(3));
            const auto known = n ? std::find(cpus.begin(), cpus.end(), *n) : cpus.end();
            if (known == cpus.end()) {
                unlisted = true;
                continue;
            }
            slot = static_cast<std::size_t>(known - cpus.begin()) + 1;
        }
        fill_seconds(line, ticks_per_second,
                     out.subspan(slot * kCpuModes.size(), kCpuModes.size()));
    }
    return unlisted;
}

CpuTimeCollector::CpuTimeCollector(const std::string& proc_root)
    : stat_(proc_root + "/stat"),
      cpus_(list_cpus(stat_.read().value_or(std::string_view{}))),
      ticks_per_second_(static_cast<double>(sysconf(_SC_CLK_TCK))) {
    describe();
}

void CpuTimeCollector::describe() {
    sensors_.clear();
    const auto add = [&](const std::string& cpu, const std::string& who) {
        for (const auto mode : kCpuModes) {
            const std::string name(mode);
            sensors_.push_back({"cpu/" + cpu + "/seconds/" + name, "s", who + " " + name + " time",
                                "Seconds " + who + " spent in " + name + " mode since boot",
                                SensorKind::Gauge});
        }
    };
    add("all", "all CPUs");
    for (const unsigned n : cpus_) {
        add("cpu" + std::to_string(n), "CPU " + std::to_string(n));
    }
}

bool CpuTimeCollector::read(std::vector<RawSample>& out) {
    out.resize(sensors_.size());
    const auto text = stat_.read().value_or(std::string_view{});
    if (!parse_cpu_seconds(text, cpus_, ticks_per_second_, out)) {
        return false;
    }
    // A CPU came online that was offline at start: it gets its sensors from now on.
    add_new_cpus(text, cpus_);
    describe();
    out.resize(sensors_.size());
    parse_cpu_seconds(text, cpus_, ticks_per_second_, out);
    return true;
}

}  // namespace vitalsd
