// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collector.hpp"
#include "device_table.hpp"

namespace vitalsd {

/// Fills rows (cleared first, its capacity reused) with one row per interface of the text of
/// /proc/net/dev: the name and the bytes received and sent, missing where the line is cut.
void parse_net_dev(std::string_view text, std::vector<DeviceRow>& rows);

/// Network traffic from /proc/net/dev: network/<iface>/{download,upload} in B/s and
/// network/<iface>/{totalDownload,totalUpload} in bytes for every interface, and the same for
/// network/all, which leaves out the loopback interface `lo`. <iface> is the interface's name
/// escaped by id_segment(). Interfaces that come, go or are renamed change the sensor list.
class NetworkCollector final : public Collector {
public:
    explicit NetworkCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override { return {"network/*/*"}; }

private:
    void adopt_interfaces();

    DeviceTable table_;
    std::vector<SensorInfo> sensors_;
};

}  // namespace vitalsd
