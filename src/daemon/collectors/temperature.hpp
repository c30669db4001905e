// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clock.hpp"
#include "collector.hpp"
#include "hwmon_inputs.hpp"
#include "throttle.hpp"

namespace vitalsd {

/// How well a hwmon sensor stands for the CPU's temperature; cpu/all/temperature is the hottest
/// of the sensors of the best rank found.
enum class CpuRank {
    None,     ///< not a CPU sensor (acpitz, nvme, amdgpu, ...)
    Core,     ///< a CPU sensor of one core or die (coretemp "Core 0", k10temp "Tccd1")
    Control,  ///< k10temp's and zenpower's Tctl: the package, offset on some models
    Package,  ///< coretemp "Package id N", k10temp and zenpower "Tdie", an ARM CPU thermal zone
};

/// Returns the rank of a sensor from its chip's name (the hwmon name file) and its label (empty
/// when it has none).
CpuRank cpu_rank(std::string_view chip, std::string_view label);

/// Temperatures from hwmon, <sys>/class/hwmon/hwmon*/temp*_input: temperature/<chip>/<sensor>
/// in °C, where <chip> is the chip's name (nvme, nvme_1 for a second chip of that name, in the
/// order of the devices' paths: HwmonChip::id_name) and <sensor> its label or else tempN, each
/// made a segment by
/// id_segment ("Package id 0" gives "Package%20id%200"). Also cpu/all/temperature, when a
/// CPU sensor is known (see CpuRank). Chips that come and go change the sensors. The inputs are
/// read at most once a second and the values served from that read in between: reading the
/// input of a drive's sensor (nvme, drivetemp) may wake the drive, and temperatures change
/// slowly anyway. The inputs of chips just found are read at once.
class TemperatureCollector final : public Collector {
public:
    /// The shortest time between two reads of the inputs.
    static constexpr std::uint64_t kMinReadIntervalUsec = 1'000'000;

    TemperatureCollector(const std::string& sys_root, const Clock& clock);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override {
        return {"temperature/*/*", "cpu/all/temperature"};
    }

private:
    // Names the inputs' sensors again; returns whether they changed.
    bool find_sensors();
    // Reads every input into values_.
    void read_inputs();

    HwmonInputs inputs_;  // tempN_input, in the order of sensors_
    std::vector<SensorInfo> sensors_;
    std::vector<std::size_t> cpu_inputs_;  // the inputs cpu/all/temperature is the hottest of
    Throttle input_reads_;
    std::vector<RawSample> values_;  // from the last read of the inputs, in the order of sensors_
};

}  // namespace vitalsd
