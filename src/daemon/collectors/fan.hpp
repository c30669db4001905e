// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clock.hpp"
#include "collector.hpp"
#include "hwmon_inputs.hpp"
#include "throttle.hpp"

namespace vitalsd {

/// Fans from hwmon, <sys>/class/hwmon/hwmon*/fanN_input: fan/<chip>/<fan> in RPM, named as the
/// temperatures are (<chip> the chip's HwmonChip::id_name, <fan> its fanN_label or else fanN,
/// each made a segment by id_segment). A fan that stands still reads 0 and is served as 0: a
/// header without a fan reads 0 too, and the chip cannot tell the two apart. Chips that come and
/// go change the sensors. The inputs are read at most once a second, as the temperatures are
/// (a chip behind an embedded controller or SMBus may take milliseconds to answer), and the
/// inputs of chips just found at once. Reads no temperature file.
class FanCollector final : public Collector {
public:
    /// The shortest time between two reads of the inputs.
    static constexpr std::uint64_t kMinReadIntervalUsec = 1'000'000;

    FanCollector(const std::string& sys_root, const Clock& clock);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override { return {"fan/*/*"}; }

private:
    // Names the inputs' sensors again; returns whether they changed.
    bool find_sensors();

    HwmonInputs inputs_;  // fanN_input, in the order of sensors_
    std::vector<SensorInfo> sensors_;
    Throttle input_reads_;
    std::vector<RawSample> values_;  // from the last read of the inputs, in the order of sensors_
};

}  // namespace vitalsd
