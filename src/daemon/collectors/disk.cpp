// SPDX-License-Identifier: MIT
// Reads /proc/diskstats, documented in https://docs.kernel.org/admin-guide/iostats.html, and the
// block devices of sysfs (https://docs.kernel.org/admin-guide/sysfs-rules.html,
// https://www.kernel.org/doc/Documentation/ABI/stable/sysfs-block).
#include "disk.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "parse.hpp"
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

// The columns after the name: reads completed, reads merged, sectors read, time reading, writes
// completed, writes merged, sectors written, ...
constexpr std::size_t kSectorsRead = 2;
constexpr std::size_t kSectorsWritten = 6;
constexpr double kSectorBytes = 512;  // the unit of diskstats, whatever the device's sectors

double bytes_at(std::string_view columns, std::size_t index) {
    const auto sectors = parse::number<unsigned long long>(parse::nth_field(columns, index));
    return sectors ? static_cast<double>(*sectors) * kSectorBytes : kMissing;
}

// Returns whether name is prefix followed by a digit: "loop0", not "loopback".
bool named(std::string_view name, std::string_view prefix) {
    return name.size() > prefix.size() && name.starts_with(prefix) &&
           std::isdigit(static_cast<unsigned char>(name[prefix.size()])) != 0;
}

// Returns the name of a device in sysfs, where a '/' of the kernel's name (cciss/c0d0) is a '!'.
std::string sysfs_name(std::string_view name) {
    std::string out(name);
    std::replace(out.begin(), out.end(), '/', '!');
    return out;
}

bool exists(const std::string& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

bool has_entries(const std::string& directory) {
    std::error_code error;
    const std::filesystem::directory_iterator it(directory, error);
    return !error && it != std::filesystem::directory_iterator{};
}

void describe(const std::string& segment, const std::string& label, const std::string& what,
              std::vector<SensorInfo>& out) {
    const auto prefix = "disk/" + segment + "/";
    out.push_back({prefix + "read", "B/s", label + " read", "Bytes read per second from " + what,
                   SensorKind::Rate});
    out.push_back({prefix + "write", "B/s", label + " write", "Bytes written per second to " + what,
                   SensorKind::Rate});
    out.push_back({prefix + "totalRead", "B", label + " total read",
                   "Bytes read so far from " + what, SensorKind::Gauge});
    out.push_back({prefix + "totalWritten", "B", label + " total written",
                   "Bytes written so far to " + what, SensorKind::Gauge});
}

}  // namespace

void parse_diskstats(std::string_view text, std::vector<DeviceRow>& rows) {
    rows.clear();
    while (!text.empty()) {
        auto line = parse::next_line(text);
        const auto major = parse::number<unsigned>(parse::next_field(line));
        const auto minor = parse::number<unsigned>(parse::next_field(line));
        const auto name = parse::next_field(line);
        if (!major || !minor || name.empty()) {
            continue;
        }
        rows.push_back({name,
                        {bytes_at(line, kSectorsRead), bytes_at(line, kSectorsWritten)},
                        *major,
                        *minor});
    }
}

DiskCollector::DiskCollector(const std::string& proc_root, std::string sys_root)
    : sys_root_(std::move(sys_root)),
      table_(proc_root + "/diskstats", parse_diskstats, true),
      mounts_(proc_root) {
    learn_devices();
    adopt_devices();
}

void DiskCollector::learn_devices() {
    blocks_.assign(rows().size(), BlockDevice{});
    for (std::size_t i = 0; i < rows().size(); ++i) {
        const auto name = sysfs_name(rows()[i].name);
        auto& block = blocks_[i];
        // /sys/block lists only whole devices; a partition has a "partition" file.
        const bool partition = exists(sys_root_ + "/class/block/" + name + "/partition");
        block.whole = !partition && exists(sys_root_ + "/block/" + name);
        block.loop = named(rows()[i].name, "loop");
        block.virtual_kind =
            block.loop || named(rows()[i].name, "ram") || named(rows()[i].name, "zram");
        // Only device-mapper and md devices have slaves; loop, ram and zram devices never do
        // (a loop device counts as stacked by being a loop), and a desktop with snaps has
        // dozens of loop devices.
        block.stacked = block.whole && !block.virtual_kind &&
                        has_entries(sys_root_ + "/block/" + name + "/slaves");
        for (std::size_t d = 0; partition && d < rows().size(); ++d) {
            if (exists(sys_root_ + "/block/" + sysfs_name(rows()[d].name) + "/" + name)) {
                block.parent = d;  // sysfs keeps a disk's partitions in the disk's directory
                break;
            }
        }
    }
}

bool DiskCollector::holds_mount(std::size_t i) const {
    const auto mounted = [&](std::size_t r) {
        return mounts_.holds(rows()[r].major, rows()[r].minor, rows()[r].name);
    };
    if (mounted(i)) {
        return true;
    }
    for (std::size_t p = 0; p < rows().size(); ++p) {
        if (blocks_[p].parent == i && mounted(p)) {
            return true;  // a loop device with partitions, one of them mounted
        }
    }
    return false;
}

std::pair<bool, bool> DiskCollector::classify(std::size_t i) const {
    const auto& block = blocks_[i];
    const bool listed = block.whole && (!block.virtual_kind || holds_mount(i));
    return {listed, listed && !block.stacked && !block.loop};
}

bool DiskCollector::listing_changed() const {
    const auto& devices = table_.devices();
    if (table_.rows().size() != devices.size()) {
        return false;  // an unreadable table: nothing to classify
    }
    for (std::size_t i = 0; i < devices.size(); ++i) {
        const auto [listed, in_total] = classify(i);
        if (listed != devices[i].listed || in_total != devices[i].in_total) {
            return true;
        }
    }
    return false;
}

void DiskCollector::adopt_devices() {
    std::vector<DeviceTable::Device> devices;
    for (std::size_t i = 0; i < rows().size(); ++i) {
        const auto [listed, in_total] = classify(i);
        devices.push_back({std::string(rows()[i].name), listed, in_total});
    }
    table_.assign(std::move(devices));
    sensors_.clear();
    describe("all", "Disk",
             "all disks (loop, device-mapper and md devices are left out: their bytes are the "
             "disks' bytes)",
             sensors_);
    for (const auto& device : table_.devices()) {
        if (device.listed) {
            const auto name = id_segment(device.name);  // labels too must be valid UTF-8
            describe(name, name, "block device " + name, sensors_);
        }
    }
}

bool DiskCollector::read(std::vector<RawSample>& out) {
    bool changed = table_.read();
    const bool remounted = mounts_.refresh();
    if (changed) {
        learn_devices();
        adopt_devices();
    } else if (remounted && listing_changed()) {
        adopt_devices();
        changed = true;
    }
    out.resize(sensors_.size());
    table_.fill(out);
    return changed;
}

}  // namespace vitalsd
