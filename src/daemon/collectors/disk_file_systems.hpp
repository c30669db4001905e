// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mounts.hpp"

namespace vitalsd {

/// Returns whether a mount of this type, from a device with this major number (0: none), is a
/// real file system that a user stores files on: a known disk file system (ext4, btrfs, xfs,
/// vfat, ...) or any other file system on a block device, but never a pseudo or memory file
/// system (proc, sysfs, tmpfs, devtmpfs, cgroup, overlay, ...), a read-only image (squashfs,
/// erofs, iso9660), a network file system (nfs, cifs, ceph, 9p, ...), or a FUSE file system
/// served by a program (sshfs, rclone, gvfs): statvfs on the last two waits for a server or a
/// process, and can hang for minutes.
bool is_real_file_system(std::string_view fs_type, unsigned major);

/// Returns whether mounts[index] is a real file system that no later mount on the same point
/// hides: one that gets fs/<name>/... sensors.
bool is_shown_file_system(const std::vector<Mount>& mounts, std::size_t index);

/// Returns the name of the file system mounted at mount_point in the sensor ids
/// fs/<name>/...: "root" for "/"; else the path without its leading '/' made into one segment
/// by escape_bytes, so '/' becomes "%2F" and every byte outside [A-Za-z0-9._-] becomes %XX:
/// "/home" gives "home", "/boot/efi" gives "boot%2Fefi", "/media/me/My Disk" gives
/// "media%2Fme%2FMy%20Disk". The one path that would also give "root", "/root", gives "%72oot".
std::string fs_name(std::string_view mount_point);

}  // namespace vitalsd
