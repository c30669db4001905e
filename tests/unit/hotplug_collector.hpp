// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "collectors/collector.hpp"

namespace vitalsd::test {

// A collector of devices the test plugs in and out: "dev/<name>/value", one per device. Counts
// its reads.
class Hotplug final : public Collector {
public:
    explicit Hotplug(std::vector<std::string> devices) { plug(std::move(devices)); }

    void plug(std::vector<std::string> devices) {
        devices_ = std::move(devices);
        changed_ = true;
    }

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }

    bool read(std::vector<RawSample>& out) override {
        ++reads;
        const bool changed = std::exchange(changed_, false);
        if (changed) {
            sensors_.clear();
            for (const auto& device : devices_) {
                sensors_.push_back({"dev/" + device + "/value", "", device, "", SensorKind::Gauge});
            }
        }
        out.assign(sensors_.size(), RawSample{});
        for (std::size_t i = 0; i < out.size(); ++i) {
            out[i] = {static_cast<double>(devices_[i].size())};
        }
        return changed;
    }

    std::vector<std::string> later_sensor_patterns() const override { return {"dev/*/value"}; }

    int reads = 0;

private:
    std::vector<std::string> devices_;
    std::vector<SensorInfo> sensors_;
    bool changed_ = false;
};

}  // namespace vitalsd::test
