// SPDX-License-Identifier: MIT
// Reads hwmon temperatures, documented in
// https://docs.kernel.org/hwmon/sysfs-interface.html (Documentation/hwmon/sysfs-interface.rst):
// tempN_input in millidegrees Celsius, tempN_label, and the chip's name.
#include "temperature.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>

#include "parse.hpp"
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

// Returns name when no earlier chip (or sensor of the chip) took it, else name_1, name_2, ...:
// the first one not in taken.
std::string unique_name(const std::string& name, const std::vector<std::string>& taken) {
    const auto is_taken = [&](const std::string& candidate) {
        return std::find(taken.begin(), taken.end(), candidate) != taken.end();
    };
    if (!is_taken(name)) {
        return name;
    }
    for (std::size_t n = 1;; ++n) {
        auto candidate = name + "_" + std::to_string(n);
        if (!is_taken(candidate)) {
            return candidate;
        }
    }
}

struct Input {
    unsigned number = 0;  // N of tempN_input
    std::string label;
};

// Returns the tempN_input files of a chip's directory, by N.
std::vector<Input> find_inputs(const std::string& dir) {
    std::vector<Input> inputs;
    for (const auto& entry : list_directory(dir)) {
        std::string_view name = entry;
        if (!name.starts_with("temp") || !name.ends_with("_input")) {
            continue;
        }
        const auto number = parse::number<unsigned>(name.substr(4, name.size() - 4 - 6));
        if (number) {
            const auto label = read_attribute(dir + "/temp" + std::to_string(*number) + "_label");
            inputs.push_back({*number, label.value_or("")});
        }
    }
    std::sort(inputs.begin(), inputs.end(),
              [](const Input& a, const Input& b) { return a.number < b.number; });
    return inputs;
}

struct Chip {
    std::string sort_key;  // the device's path: stable from boot to boot, unlike hwmonN
    std::string dir;       // where the attributes are
    std::string name;
};

// Returns the chip of a class/hwmon entry. A few old drivers keep the attributes, name
// included, in the device's directory rather than the hwmon one.
Chip describe_chip(const std::string& hwmon_dir, const std::string& entry) {
    Chip chip;
    chip.dir = hwmon_dir + "/" + entry;
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(chip.dir.c_str(), nullptr),
                                                     &std::free);
    chip.sort_key = real ? real.get() : chip.dir;
    auto name = read_attribute(chip.dir + "/name");
    if (!name) {
        name = read_attribute(chip.dir + "/device/name");
        if (name) {
            chip.dir += "/device";
        }
    }
    chip.name = name && !name->empty() ? *name : entry;
    return chip;
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
    : hwmon_dir_(sys_root + "/class/hwmon"),
      chips_(hwmon_dir_),
      input_reads_(clock, kMinReadIntervalUsec) {
    find_sensors();
}

bool TemperatureCollector::find_sensors() {
    auto before = std::move(sensors_);
    sensors_.clear();
    inputs_.clear();
    cpu_inputs_.clear();
    std::vector<Chip> chips;
    for (const auto& entry : chips_.entries()) {
        chips.push_back(describe_chip(hwmon_dir_, entry));
    }
    std::sort(chips.begin(), chips.end(),
              [](const Chip& a, const Chip& b) { return a.sort_key < b.sort_key; });

    std::vector<std::string> chip_names;  // made unique: nvme, nvme_1
    std::vector<CpuRank> ranks;
    for (const auto& chip : chips) {
        const auto inputs = find_inputs(chip.dir);
        if (inputs.empty()) {
            continue;  // a chip of fans or voltages only
        }
        chip_names.push_back(unique_name(chip.name, chip_names));
        const auto& chip_name = chip_names.back();
        std::vector<std::string> sensor_names;
        for (const auto& input : inputs) {
            const auto temp = "temp" + std::to_string(input.number);
            sensor_names.push_back(
                unique_name(input.label.empty() ? temp : input.label, sensor_names));
            const auto& sensor_name = sensor_names.back();
            sensors_.push_back({"temperature/" + id_segment(chip_names.back()) + "/" +
                                    id_segment(sensor_names.back()),
                                "°C", chip_name + " " + sensor_name,
                                "Temperature of hwmon chip " + chip.name + ", sensor " + temp +
                                    (input.label.empty() ? "" : " (" + input.label + ")"),
                                SensorKind::Gauge});
            inputs_.emplace_back(chip.dir + "/" + temp + "_input");
            ranks.push_back(cpu_rank(chip.name, input.label));
        }
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
    const bool changed = chips_.refresh() && find_sensors();
    if (changed || input_reads_.pass()) {
        read_inputs();
    }
    out.assign(values_.begin(), values_.end());
    return changed;
}

void TemperatureCollector::read_inputs() {
    values_.resize(sensors_.size());
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
        const auto millidegrees = inputs_[i].read_number<long long>();
        values_[i] =
            millidegrees ? RawSample{static_cast<double>(*millidegrees) / 1000.0} : RawSample{};
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
