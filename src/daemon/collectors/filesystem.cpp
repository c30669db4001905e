// SPDX-License-Identifier: MIT
// The mounts come from /proc/self/mountinfo (see mounts.cpp and file_systems.cpp), the sizes
// from statvfs(3): https://man7.org/linux/man-pages/man3/statvfs.3.html
#include "filesystem.hpp"

#include <sys/statvfs.h>

#include <algorithm>

#include "disk_file_systems.hpp"

namespace vitalsd {
namespace {

constexpr std::size_t kPerMount = 4;  // total, used, free, usedPercent

void describe(const std::string& mount_point, const Mount& mount, std::vector<SensorInfo>& out) {
    const auto prefix = "fs/" + fs_name(mount_point) + "/";
    // Names are bytes; the catalogue makes labels and descriptions valid UTF-8.
    const auto& where = mount_point;
    const auto what = unescape_mount_field(mount.fs_type) + " file system on " +
                      unescape_mount_field(mount.source) + " mounted at " + where;
    out.push_back(
        {prefix + "total", "B", where + " size", "Size of the " + what, SensorKind::Gauge});
    out.push_back({prefix + "used", "B", where + " used",
                   "Space in use on the " + what + ": its size less all free blocks",
                   SensorKind::Gauge});
    out.push_back({prefix + "free", "B", where + " free",
                   "Space an unprivileged user can still use on the " + what +
                       " (without the blocks kept for root)",
                   SensorKind::Gauge});
    out.push_back({prefix + "usedPercent", "%", where + " used",
                   "Share of the " + what + " in use, as df shows it: used / (used + free)",
                   SensorKind::Gauge});
}

}  // namespace

std::optional<FsSpace> statvfs_space(const std::string& mount_point) {
    struct statvfs info {};
    if (::statvfs(mount_point.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return FsSpace{info.f_frsize, info.f_blocks, info.f_bfree, info.f_bavail};
}

void fill_fs_space(const std::optional<FsSpace>& space, std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    if (!space || out.size() != kPerMount) {
        return;
    }
    const double unit = static_cast<double>(space->fragment_size);
    const double total = static_cast<double>(space->blocks) * unit;
    // A file system may count more free blocks than it has (some FUSE ones): nothing is used.
    const double used =
        static_cast<double>(space->blocks - std::min(space->blocks_free, space->blocks)) * unit;
    const double free = static_cast<double>(space->blocks_available) * unit;
    out[0] = {total};
    out[1] = {used};
    out[2] = {free};
    out[3] = {used + free > 0 ? 100.0 * used / (used + free) : 0.0};
}

FileSystemCollector::FileSystemCollector(const std::string& proc_root, FsSpaceReader space)
    : table_(proc_root), space_(std::move(space)) {
    take_file_systems();
}

bool FileSystemCollector::same_file_systems() const {
    const auto& mounts = table_.mounts();
    std::size_t known = 0;
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        if (!is_shown_file_system(mounts, i)) {
            continue;
        }
        if (known == file_systems_.size()) {
            return false;
        }
        const auto& file_system = file_systems_[known++];
        if (file_system.listed_mount_point != mounts[i].mount_point ||
            file_system.listed_fs_type != mounts[i].fs_type ||
            file_system.listed_source != mounts[i].source) {
            return false;
        }
    }
    return known == file_systems_.size();
}

bool FileSystemCollector::refresh_mounts() {
    // On procfs the table is read again only when the kernel flags a mount or an unmount; and
    // most of those are of pseudo file systems, which change nothing here.
    if (!table_.refresh() || same_file_systems()) {
        return false;
    }
    take_file_systems();
    return true;
}

void FileSystemCollector::take_file_systems() {
    file_systems_.clear();
    sensors_.clear();
    const auto& mounts = table_.mounts();
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        if (is_shown_file_system(mounts, i)) {
            const auto& mount = mounts[i];
            file_systems_.push_back({std::string(mount.mount_point), std::string(mount.fs_type),
                                     std::string(mount.source),
                                     unescape_mount_field(mount.mount_point)});
            describe(file_systems_.back().mount_point, mount, sensors_);
        }
    }
}

bool FileSystemCollector::read(std::vector<RawSample>& out) {
    const bool changed = refresh_mounts();
    out.resize(sensors_.size());
    for (std::size_t i = 0; i < file_systems_.size(); ++i) {
        fill_fs_space(space_(file_systems_[i].mount_point),
                      std::span(out).subspan(i * kPerMount, kPerMount));
    }
    return changed;
}

}  // namespace vitalsd
