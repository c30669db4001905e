// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "proc_file.hpp"

namespace vitalsd {

/// A mounted file system as /proc/PID/mountinfo gives it: the numbers of the device it reports
/// (st_dev), the mount source, where it is mounted and its type. The views point into the
/// parsed text and keep the kernel's escapes (\040 for a space).
struct Mount {
    unsigned major = 0;
    unsigned minor = 0;
    std::string_view source;       // "/dev/sda1", "proc", "server:/export", ...
    std::string_view mount_point;  // "/", "/media/me/My\040Disk", ...
    std::string_view fs_type;      // "ext4", "fuse.sshfs", ...
};

/// Returns a mountinfo field with the kernel's escapes decoded: a backslash and three octal
/// digits stand for one byte ("\040" for a space, "\134" for a backslash). A backslash not
/// followed by three octal digits is kept as it is.
std::string unescape_mount_field(std::string_view field);

/// Fills mounts (cleared first, its capacity reused) from the text of /proc/PID/mountinfo;
/// lines it cannot make out are left out.
void parse_mountinfo(std::string_view text, std::vector<Mount>& mounts);

/// The mounted file systems of the service's own mount namespace (<proc>/self/mountinfo), read
/// again only when the kernel says they changed.
class MountTable {
public:
    explicit MountTable(const std::string& proc_root);

    /// Reads the table again if it may have changed: on procfs only after the kernel flagged a
    /// mount or an unmount (one poll, no read), in a captured tree every time. Returns whether it
    /// read it.
    bool refresh();

    /// Returns the mounts found by the last read, in the order listed; valid until the next
    /// refresh that reads.
    const std::vector<Mount>& mounts() const { return mounts_; }

    /// Returns whether a file system is mounted from the block device with these numbers or
    /// from /dev/<name>. Both are asked because btrfs reports an anonymous device (0:N) instead
    /// of its block device, and the source then names the device.
    bool holds(unsigned major, unsigned minor, std::string_view name) const;

private:
    void reload();

    ProcFile mountinfo_;
    std::vector<Mount> mounts_;  // views into mountinfo_'s buffer, until the next refresh
};

}  // namespace vitalsd
