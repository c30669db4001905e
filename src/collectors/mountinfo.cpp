// SPDX-License-Identifier: MIT
// Reads /proc/PID/mountinfo, documented in proc_pid_mountinfo(5):
// https://man7.org/linux/man-pages/man5/proc_pid_mountinfo.5.html and
// https://docs.kernel.org/filesystems/proc.html ("/proc/<pid>/mountinfo - Information about
// mounts"). The kernel escapes ' ', '\t', '\n', '\\' (and '#' in the source) as \ooo octal.
#include "mountinfo.hpp"

#include <algorithm>
#include <array>

#include "parse.hpp"
#include "segment.hpp"

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

bool is_octal(char c) {
    return c >= '0' && c <= '7';
}

constexpr std::string_view kRootName = "root";

}  // namespace

std::string unescape_mount_field(std::string_view field) {
    std::string out;
    out.reserve(field.size());
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && is_octal(field[i + 1]) &&
            is_octal(field[i + 2]) && is_octal(field[i + 3])) {
            out += static_cast<char>(((field[i + 1] - '0') << 6) | ((field[i + 2] - '0') << 3) |
                                     (field[i + 3] - '0'));
            i += 3;
        } else {
            out += field[i];
        }
    }
    return out;
}

std::optional<MountEntry> parse_mountinfo_line(std::string_view line) {
    // (1) mount ID (2) parent ID (3) major:minor (4) root (5) mount point (6) mount options
    // (7) optional fields, ended by (8) "-" (9) fs type (10) source (11) super options.
    if (!parse::number<unsigned>(parse::next_field(line)) ||
        !parse::number<unsigned>(parse::next_field(line))) {
        return std::nullopt;
    }
    const auto device = parse::next_field(line);
    const auto colon = device.find(':');
    const auto major = parse::number<unsigned>(device.substr(0, colon));
    const auto minor = colon == std::string_view::npos
                           ? std::nullopt
                           : parse::number<unsigned>(device.substr(colon + 1));
    const auto root = parse::next_field(line);
    const auto mount_point = parse::next_field(line);
    const auto options = parse::next_field(line);
    if (!major || !minor || root.empty() || mount_point.empty() || options.empty()) {
        return std::nullopt;
    }
    for (auto optional = parse::next_field(line); optional != "-";
         optional = parse::next_field(line)) {
        if (optional.empty()) {
            return std::nullopt;  // no separator
        }
    }
    const auto type = parse::next_field(line);
    const auto source = parse::next_field(line);
    if (type.empty() || source.empty()) {
        return std::nullopt;
    }
    return MountEntry{*major, *minor, unescape_mount_field(mount_point), unescape_mount_field(type),
                      unescape_mount_field(source)};
}

bool is_real_file_system(const MountEntry& mount) {
    const std::string_view type = mount.fs_type;
    // FUSE served by a program ("fuse", "fuse.sshfs"), unlike fuseblk, waits for that program.
    if (is_one_of(type, kPseudoTypes) || is_one_of(type, kNetworkTypes) || type == "fuse" ||
        type.starts_with("fuse.")) {
        return false;
    }
    return is_one_of(type, kDiskTypes) || mount.major != 0;
}

std::vector<MountEntry> real_file_systems(std::string_view mountinfo) {
    std::vector<MountEntry> mounts;
    while (!mountinfo.empty()) {
        auto mount = parse_mountinfo_line(parse::next_line(mountinfo));
        if (!mount) {
            continue;
        }
        // A later mount on the same point hides the earlier one, whatever its type.
        const auto same_point = std::find_if(mounts.begin(), mounts.end(), [&](const auto& m) {
            return m.mount_point == mount->mount_point;
        });
        if (same_point != mounts.end()) {
            mounts.erase(same_point);
        }
        if (is_real_file_system(*mount)) {
            mounts.push_back(std::move(*mount));
        }
    }
    return mounts;
}

std::string fs_name(std::string_view mount_point) {
    if (mount_point == "/") {
        return std::string(kRootName);
    }
    if (mount_point.starts_with('/')) {
        mount_point.remove_prefix(1);
    }
    auto name = escape_segment(mount_point);
    if (name == kRootName) {
        name = "%72oot";  // "/root": 'r' is 0x72
    }
    return name;
}

std::optional<std::string> mount_point_of_fs_name(std::string_view name) {
    if (name == kRootName) {
        return "/";
    }
    auto path = unescape_segment(name);
    if (!path || path->empty()) {
        return std::nullopt;
    }
    return "/" + *path;
}

}  // namespace vitalsd
