// SPDX-License-Identifier: MIT
// Reads hwmon temperatures, documented in
// https://docs.kernel.org/hwmon/sysfs-interface.html (Documentation/hwmon/sysfs-interface.rst):
// tempN_input in millidegrees Celsius, tempN_label, and the chip's name.
#include "temperature.hpp"

#include <algorithm>
#include <array>

#include "sensor_id.hpp"

namespace vitalsd {
namespace {

constexpr std::array<std::string_view, 5> kCpuChips = {"coretemp", "k10temp", "k8temp", "zenpower",
                                                       "via_cputemp"};

// A thermal zone's hwmon chip takes the zone's type for its name, '-' made '_': cpu_thermal on
// a Raspberry Pi, cpu0_thermal on others. It measures the whole CPU.
bool is_cpu_thermal_zone(std::string_view chip) {
    return chip.starts_with("cpu") && chip.ends_with("_thermal");
}

}  // namespace

CpuRank cpu_rank(std::string_view chip, std::string_view label) {
    if (is_cpu_thermal_zone(chip)) {
        return CpuRank::Package;
    }
    if (std::find(kCpuChips.begin(), kCpuChips.end(), chip) == kCpuChips.end()) {
        return CpuRank::None;
    }
    if (label.starts_with("Package id ") || label == "Tdie") {
        return CpuRank::Package;
    }
    return label == "Tctl" ? CpuRank::Control : CpuRank::Core;
}

TemperatureCollector::TemperatureCollector(const std::string& sys_root, const Clock& clock)
    : inputs_(sys_root, "temp", {"input"}), input_reads_(clock, kMinReadIntervalUsec) {
    find_sensors();
}

bool TemperatureCollector::find_sensors() {
    auto before = std::move(sensors_);
    sensors_.clear();
    cpu_inputs_.clear();
    std::vector<CpuRank> ranks;
    for (const auto& [c, channel] : inputs_.inputs()) {
        const auto& chip = inputs_.chips()[c];
        const auto temp = "temp" + std::to_string(channel.number);
        sensors_.push_back(
            {"temperature/" + id_segment(chip.id_name) + "/" + id_segment(channel.name), "°C",
             chip.id_name + " " + channel.name,
             "Temperature of hwmon chip " + chip.name + ", sensor " + temp +
                 (channel.label.empty() ? "" : " (" + channel.label + ")"),
             SensorKind::Gauge});
        ranks.push_back(cpu_rank(chip.name, channel.label));
    }
    const auto best = std::max_element(ranks.begin(), ranks.end());
    if (best != ranks.end() && *best != CpuRank::None) {
        for (std::size_t i = 0; i < ranks.size(); ++i) {
            if (ranks[i] == *best) {
                cpu_inputs_.push_back(i);
            }
        }
        sensors_.push_back({"cpu/all/temperature", "°C", "CPU temperature",
                            "Temperature of the CPU: its package sensor (coretemp's Package id, "
                            "k10temp's Tdie or else Tctl, an ARM CPU thermal zone), else the "
                            "hottest of its core sensors; the hottest package of several",
                            SensorKind::Gauge});
    }
    return sensors_ != before;
}

bool TemperatureCollector::read(std::vector<RawSample>& out) {
    const bool changed = inputs_.refresh() && find_sensors();
    if (changed || input_reads_.pass()) {
        read_inputs();
    }
    out.assign(values_.begin(), values_.end());
    return changed;
}

void TemperatureCollector::read_inputs() {
    values_.resize(sensors_.size());
    inputs_.read();
    const auto& millidegrees = inputs_.values();
    for (std::size_t i = 0; i < millidegrees.size(); ++i) {
        values_[i] = {millidegrees[i] / 1000.0};
    }
    if (!cpu_inputs_.empty()) {
        RawSample hottest;
        for (const auto i : cpu_inputs_) {
            if (values_[i].present() && (!hottest.present() || values_[i].a > hottest.a)) {
                hottest = values_[i];
            }
        }
        values_.back() = hottest;
    }
}

}  // namespace vitalsd
