// SPDX-License-Identifier: MIT
// The mounts come from /proc/self/mountinfo (see mountinfo.cpp), the sizes from statvfs(3):
// https://man7.org/linux/man-pages/man3/statvfs.3.html
#include "filesystem.hpp"

#include <sys/statvfs.h>

#include <algorithm>

#include "segment.hpp"

namespace vitalsd {
namespace {

constexpr std::size_t kPerMount = 4;  // total, used, free, usedPercent

void describe(const MountEntry& mount, std::vector<SensorInfo>& out) {
    const auto prefix = "fs/" + fs_name(mount.mount_point) + "/";
    // Names are bytes; the catalogue makes labels and descriptions valid UTF-8.
    const auto& where = mount.mount_point;
    const auto what = mount.fs_type + " file system on " + mount.source + " mounted at " + where;
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

bool same_mount_points(const std::vector<MountEntry>& a, const std::vector<MountEntry>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.mount_point == y.mount_point && x.fs_type == y.fs_type && x.source == y.source;
    });
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
    : mountinfo_(proc_root + "/self/mountinfo"), space_(std::move(space)) {
    refresh_mounts();
}

bool FileSystemCollector::refresh_mounts() {
    const auto text = mountinfo_.read();
    // Unchanged text, or a read that failed for once: the same mounts. Comparing costs less than
    // parsing, and mountinfo changes rarely.
    if (!text || *text == last_mountinfo_) {
        return false;
    }
    last_mountinfo_.assign(*text);
    auto mounts = real_file_systems(*text);
    if (same_mount_points(mounts, mounts_)) {
        return false;  // a pseudo file system came or went
    }
    mounts_ = std::move(mounts);
    sensors_.clear();
    for (const auto& mount : mounts_) {
        describe(mount, sensors_);
    }
    return true;
}

bool FileSystemCollector::read(std::vector<RawSample>& out) {
    const bool changed = refresh_mounts();
    out.resize(sensors_.size());
    for (std::size_t i = 0; i < mounts_.size(); ++i) {
        fill_fs_space(space_(mounts_[i].mount_point),
                      std::span(out).subspan(i * kPerMount, kPerMount));
    }
    return changed;
}

}  // namespace vitalsd
