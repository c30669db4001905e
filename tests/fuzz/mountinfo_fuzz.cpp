// SPDX-License-Identifier: MIT
// Fuzzes the /proc/PID/mountinfo parser, and the file systems it shows: each one's name must be
// one segment, and distinct (absolute) mount points must have distinct names.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/disk_file_systems.hpp"
#include "collectors/mounts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::Mount> mounts;
    vitalsd::parse_mountinfo(std::string_view(reinterpret_cast<const char*>(data), size), mounts);
    std::map<std::string, std::string> mount_point_of_name;
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        if (mounts[i].source.empty()) {
            __builtin_trap();
        }
        if (!vitalsd::is_shown_file_system(mounts, i)) {
            continue;
        }
        const auto mount_point = vitalsd::unescape_mount_field(mounts[i].mount_point);
        if (!mount_point.starts_with('/')) {
            continue;  // the kernel writes every mount point as an absolute path
        }
        const auto name = vitalsd::fs_name(mount_point);
        if (name.empty() || name.find('/') != std::string::npos) {
            __builtin_trap();
        }
        const auto [it, added] = mount_point_of_name.emplace(name, mount_point);
        if (!added && it->second != mount_point) {
            __builtin_trap();
        }
    }
    return 0;
}
