// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace vitalsd {

/// What a mount point holds, as /proc/self/mountinfo says: the mount's source (/dev/sda1) and
/// its file system type (ext4).
struct MountSource {
    std::string device;
    std::string fs_type;
};

/// Returns the source of each mount point in the text of /proc/PID/mountinfo
/// (https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html), its octal escapes
/// undone. A mount point listed twice keeps its first mount, the one the service's own view
/// has too where a sandbox mounts something over it (ProtectHome=). Malformed lines are skipped.
std::map<std::string, MountSource> parse_mount_sources(std::string_view mountinfo);

/// Returns the mount sources of /proc/self/mountinfo; none when it cannot be read.
std::map<std::string, MountSource> read_mount_sources();

}  // namespace vitalsd
