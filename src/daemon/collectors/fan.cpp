// SPDX-License-Identifier: MIT
// Reads hwmon fans, documented in
// https://docs.kernel.org/hwmon/sysfs-interface.html (Documentation/hwmon/sysfs-interface.rst):
// fanN_input in RPM, fanN_label, and the chip's name.
#include "fan.hpp"

#include "sensor_id.hpp"

namespace vitalsd {

FanCollector::FanCollector(const std::string& sys_root, const Clock& clock)
    : inputs_(sys_root, "fan", {"input"}), input_reads_(clock, kMinReadIntervalUsec) {
    find_sensors();
}

bool FanCollector::find_sensors() {
    auto before = std::move(sensors_);
    sensors_.clear();
    for (const auto& [c, channel] : inputs_.inputs()) {
        const auto& chip = inputs_.chips()[c];
        const auto fan = "fan" + std::to_string(channel.number);
        sensors_.push_back({"fan/" + id_segment(chip.id_name) + "/" + id_segment(channel.name),
                            "RPM", chip.id_name + " " + channel.name,
                            "Speed of fan " + fan +
                                (channel.label.empty() ? "" : " (" + channel.label + ")") +
                                " of hwmon chip " + chip.name + "; 0 when it stands still",
                            SensorKind::Gauge});
    }
    return sensors_ != before;
}

bool FanCollector::read(std::vector<RawSample>& out) {
    const bool changed = inputs_.refresh() && find_sensors();
    if (changed || input_reads_.pass()) {
        inputs_.read();
        values_.resize(inputs_.values().size());
        for (std::size_t i = 0; i < values_.size(); ++i) {
            values_[i] = {inputs_.values()[i]};
        }
    }
    out.assign(values_.begin(), values_.end());
    return changed;
}

}  // namespace vitalsd
