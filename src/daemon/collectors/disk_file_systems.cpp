// SPDX-License-Identifier: MIT
// Which mounts of /proc/PID/mountinfo (parsed in mounts.cpp; proc_pid_mountinfo(5):
// https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html) are file systems a user keeps
// files on, and their names in sensor ids.
#include "disk_file_systems.hpp"

#include <algorithm>
#include <array>

#include "sensor_id.hpp"

namespace vitalsd {
namespace {

// Disk file systems counted even when st_dev names no block device: btrfs gives each mount an
// anonymous device, zfs and bcachefs have pools; fuseblk is ntfs-3g or exfat on a disk.
constexpr std::array<std::string_view, 20> kDiskTypes = {
    "ext2",  "ext3",     "ext4",   "xfs",   "btrfs",   "f2fs", "vfat",
    "exfat", "msdos",    "ntfs",   "ntfs3", "fuseblk", "jfs",  "reiserfs",
    "zfs",   "bcachefs", "nilfs2", "hfs",   "hfsplus", "udf",
};

// Never counted, even on a block device: memory, pseudo and kernel file systems, read-only
// images (always full) and overlays (their space is the lower file system's).
constexpr std::array<std::string_view, 29> kPseudoTypes = {
    "proc",     "sysfs",      "tmpfs",   "devtmpfs",    "devpts",   "ramfs",
    "cgroup",   "cgroup2",    "overlay", "squashfs",    "erofs",    "securityfs",
    "debugfs",  "tracefs",    "pstore",  "bpf",         "mqueue",   "hugetlbfs",
    "configfs", "fusectl",    "autofs",  "binfmt_misc", "efivarfs", "selinuxfs",
    "nsfs",     "rpc_pipefs", "aufs",    "iso9660",     "nfsd",
};

// Served by another machine (or a virtual machine's host): statvfs waits for the server and
// hangs while it does not answer.
constexpr std::array<std::string_view, 14> kNetworkTypes = {
    "nfs", "nfs4", "cifs", "smb3",   "smbfs",     "ncpfs", "ceph",
    "9p",  "afs",  "coda", "lustre", "glusterfs", "davfs", "virtiofs",
};

template <std::size_t N>
bool is_one_of(std::string_view type, const std::array<std::string_view, N>& types) {
    return std::find(types.begin(), types.end(), type) != types.end();
}

constexpr std::string_view kRootName = "root";

// What a file system's name keeps of its mount point as it is; every other byte is escaped.
bool kept_in_fs_names(unsigned char byte) {
    return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
           (byte >= '0' && byte <= '9') || byte == '.' || byte == '_' || byte == '-';
}

}  // namespace

bool is_real_file_system(std::string_view fs_type, unsigned major) {
    // FUSE served by a program ("fuse", "fuse.sshfs"), unlike fuseblk, waits for that program.
    if (is_one_of(fs_type, kPseudoTypes) || is_one_of(fs_type, kNetworkTypes) ||
        fs_type == "fuse" || fs_type.starts_with("fuse.")) {
        return false;
    }
    return is_one_of(fs_type, kDiskTypes) || major != 0;
}

bool is_shown_file_system(const std::vector<Mount>& mounts, std::size_t index) {
    const auto& mount = mounts[index];
    if (!is_real_file_system(mount.fs_type, mount.major)) {
        return false;
    }
    // A later mount on the same point hides this one, whatever its type.
    return std::none_of(mounts.begin() + static_cast<std::ptrdiff_t>(index) + 1, mounts.end(),
                        [&](const Mount& later) { return later.mount_point == mount.mount_point; });
}

std::string fs_name(std::string_view mount_point) {
    if (mount_point == "/") {
        return std::string(kRootName);
    }
    if (mount_point.starts_with('/')) {
        mount_point.remove_prefix(1);
    }
    auto name = escape_bytes(mount_point, kept_in_fs_names);
    if (name == kRootName) {
        name = "%72oot";  // "/root": 'r' is 0x72
    }
    return name;
}

}  // namespace vitalsd
