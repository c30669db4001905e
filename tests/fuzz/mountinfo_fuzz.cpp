// SPDX-License-Identifier: MIT
// Fuzzes the /proc/PID/mountinfo parsers: the mounts the disk collector asks about, and the real
// file systems, each of whose names must be one segment that gives back its mount point.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "collectors/mountinfo.hpp"
#include "collectors/mounts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<vitalsd::Mount> mounts;
    vitalsd::parse_mountinfo(text, mounts);
    for (const auto& mount : mounts) {
        if (mount.source.empty()) {
            __builtin_trap();
        }
    }
    for (const auto& mount : vitalsd::real_file_systems(text)) {
        const auto name = vitalsd::fs_name(mount.mount_point);
        if (name.empty() || name.find('/') != std::string::npos) {
            std::abort();
        }
        if (mount.mount_point.starts_with('/') &&
            vitalsd::mount_point_of_fs_name(name) != mount.mount_point) {
            std::abort();
        }
    }
    return 0;
}
