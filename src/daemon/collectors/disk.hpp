// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collector.hpp"
#include "device_table.hpp"
#include "mounts.hpp"

namespace vitalsd {

/// Fills rows (cleared first, its capacity reused) with one row per device of the text of
/// /proc/diskstats: its numbers, its name and the bytes read and written (sectors are 512 bytes
/// whatever the device's own sector size), missing where the line is cut.
void parse_diskstats(std::string_view text, std::vector<DeviceRow>& rows);

/// Disk throughput from /proc/diskstats: disk/<device>/{read,write} in B/s, and the kernel's
/// counters behind them, disk/<device>/{totalRead,totalWritten} in bytes, for each whole block
/// device (no partitions) that is not a loop, ram or zram device unless it holds a mounted file
/// system, and disk/all/..., their sum without the devices that sit on other block
/// devices (loop devices, and device-mapper or md devices, which have slaves), whose bytes
/// would be counted twice. <device> is the kernel's name escaped by id_segment(). Partitions and
/// stacking are read from <sys>/block and <sys>/class/block when devices come or go; mounts from
/// <proc>/self/mountinfo when the kernel says they changed.
class DiskCollector final : public Collector {
public:
    DiskCollector(const std::string& proc_root, std::string sys_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override { return {"disk/*/*"}; }

private:
    static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

    // What sysfs says of a device, learnt when the set of devices changes.
    struct BlockDevice {
        bool whole = false;         // a disk, not a partition
        bool virtual_kind = false;  // loop, ram or zram: listed only while it holds a mount
        bool loop = false;
        bool stacked = false;            // sits on other block devices (has slaves)
        std::size_t parent = kNoParent;  // a partition's disk, by row
    };

    const std::vector<DeviceRow>& rows() const { return table_.rows(); }
    void learn_devices();
    // Returns whether row i is listed and whether it counts toward the total.
    std::pair<bool, bool> classify(std::size_t i) const;
    bool holds_mount(std::size_t i) const;
    bool listing_changed() const;
    void adopt_devices();

    std::string sys_root_;
    DeviceTable table_;
    MountTable mounts_;
    std::vector<BlockDevice> blocks_;  // per row of table_
    std::vector<SensorInfo> sensors_;
};

}  // namespace vitalsd
