// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd {

/// What the service takes from one line of /proc/PID/mountinfo.
struct MountEntry {
    unsigned major = 0;  ///< of the device st_dev names; 0 for a file system without a device
    unsigned minor = 0;
    std::string mount_point;  ///< with the kernel's octal escapes decoded
    std::string fs_type;      ///< "ext4", "fuse.sshfs", ...
    std::string source;       ///< "/dev/nvme0n1p2", "server:/export", "tmpfs", ...
};

/// Returns a mountinfo field with the kernel's escapes decoded: a backslash and three octal
/// digits stand for one byte ("\040" for a space, "\134" for a backslash). A backslash not
/// followed by three octal digits is kept as it is.
std::string unescape_mount_field(std::string_view field);

/// Returns the fields of one line of mountinfo ("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 -
/// ext3 /dev/root rw"), or nullopt for a line that is cut short or garbled.
std::optional<MountEntry> parse_mountinfo_line(std::string_view line);

/// Returns whether the mount is a real file system that a user stores files on: a known disk
/// file system (ext4, btrfs, xfs, vfat, ...) or any other file system on a block device, but
/// never a pseudo or memory file system (proc, sysfs, tmpfs, devtmpfs, cgroup, overlay, ...), a
/// read-only image (squashfs, erofs), a network file system (nfs, cifs, ceph, 9p, ...), or a FUSE
/// file system served by a program (sshfs, rclone, gvfs): statvfs on the last two waits for a
/// server or a process, and can hang for minutes.
bool is_real_file_system(const MountEntry& mount);

/// Returns the real file systems of a mountinfo text, in the order listed, one per mount point:
/// a mount point listed twice holds the later mount, which hides the earlier one.
std::vector<MountEntry> real_file_systems(std::string_view mountinfo);

/// Returns the name of the file system mounted at mount_point in the sensor ids
/// fs/<name>/...: "root" for "/"; else the path without its leading '/' made into one segment
/// by escape_segment, so '/' becomes "%2F" and every byte outside [A-Za-z0-9._-] becomes %XX:
/// "/home" gives "home", "/boot/efi" gives "boot%2Fefi", "/media/me/My Disk" gives
/// "media%2Fme%2FMy%20Disk". The one path that would also give "root", "/root", gives "%72oot".
std::string fs_name(std::string_view mount_point);

/// Returns the mount point a name made by fs_name stands for, or nullopt when it is no such
/// name.
std::optional<std::string> mount_point_of_fs_name(std::string_view name);

}  // namespace vitalsd
