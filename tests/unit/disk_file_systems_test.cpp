// SPDX-License-Identifier: MIT
#include "collectors/disk_file_systems.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace vitalsd {
namespace {

// Returns the mount points, unescaped, of the file systems a mountinfo text shows.
std::vector<std::string> shown_mount_points(std::string_view mountinfo) {
    std::vector<Mount> mounts;
    parse_mountinfo(mountinfo, mounts);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < mounts.size(); ++i) {
        if (is_shown_file_system(mounts, i)) {
            out.push_back(unescape_mount_field(mounts[i].mount_point));
        }
    }
    return out;
}

TEST(ARealFileSystem, IsAKnownDiskFileSystemEvenWithoutABlockDevice) {
    for (const char* type : {"ext4", "xfs", "btrfs", "vfat", "exfat", "zfs", "fuseblk", "f2fs"}) {
        EXPECT_TRUE(is_real_file_system(type, 0)) << type;
    }
}

TEST(ARealFileSystem, IsAnyOtherFileSystemOnABlockDevice) {
    EXPECT_TRUE(is_real_file_system("someday-fs", 8));
    EXPECT_FALSE(is_real_file_system("someday-fs", 0));
}

TEST(ARealFileSystem, IsNeverAPseudoMemoryOrImageFileSystem) {
    for (const char* type : {"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
                             "overlay", "squashfs", "erofs", "debugfs", "tracefs", "securityfs",
                             "autofs", "efivarfs", "bpf", "iso9660"}) {
        EXPECT_FALSE(is_real_file_system(type, 7)) << type;
    }
}

// statvfs on these waits for a server or a process, and hangs while it does not answer.
TEST(ARealFileSystem, IsNeverANetworkFileSystemOrAProgramsFuseMount) {
    for (const char* type : {"nfs", "nfs4", "cifs", "smb3", "ceph", "9p", "fuse.sshfs",
                             "fuse.rclone", "fuse.gvfsd-fuse", "fuse"}) {
        EXPECT_FALSE(is_real_file_system(type, 0)) << type;
    }
}

TEST(TheShownFileSystems, AreTheRealOnesInOrder) {
    EXPECT_EQ(shown_mount_points("22 28 0:21 / /sys rw - sysfs sysfs rw\n"
                                 "28 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n"
                                 "60 28 7:0 / /snap/core22/1122 ro - squashfs /dev/loop0 ro\n"
                                 "garbage\n"
                                 "93 28 259:1 / /boot/efi rw - vfat /dev/nvme0n1p1 rw\n"
                                 "700 28 8:1 / /media/My\\040Stick rw - vfat /dev/sda1 rw\n"
                                 "610 28 0:50 / /mnt/nas rw - nfs4 nas:/share rw"),
              (std::vector<std::string>{"/", "/boot/efi", "/media/My Stick"}));
}

TEST(TheShownFileSystems, HoldTheLastMountOnAPoint) {
    std::vector<Mount> mounts;
    parse_mountinfo(
        "28 1 259:2 / /data rw - ext4 /dev/sda1 rw\n"
        "29 28 259:3 / /data rw - xfs /dev/sdb1 rw",
        mounts);
    EXPECT_FALSE(is_shown_file_system(mounts, 0));
    EXPECT_TRUE(is_shown_file_system(mounts, 1));

    EXPECT_TRUE(shown_mount_points("28 1 259:2 / /data rw - ext4 /dev/sda1 rw\n"
                                   "29 28 0:40 / /data rw - tmpfs tmpfs rw")
                    .empty())
        << "a tmpfs hides the disk under it";
}

TEST(AFileSystemName, IsRootForTheRootDirectory) {
    EXPECT_EQ(fs_name("/"), "root");
}

TEST(AFileSystemName, IsThePathWithoutItsLeadingSlash) {
    EXPECT_EQ(fs_name("/home"), "home");
    EXPECT_EQ(fs_name("/var/lib/docker-data_2.old"), "var%2Flib%2Fdocker-data_2.old");
}

TEST(AFileSystemName, EscapesSlashesAndOddCharacters) {
    EXPECT_EQ(fs_name("/boot/efi"), "boot%2Fefi");
    EXPECT_EQ(fs_name("/media/me/My Disk (old)"), "media%2Fme%2FMy%20Disk%20%28old%29");
    EXPECT_EQ(fs_name("/mnt/Données"), "mnt%2FDonn%C3%A9es");
    EXPECT_EQ(fs_name("/mnt/100%"), "mnt%2F100%25");
    EXPECT_EQ(fs_name("/mnt/*"), "mnt%2F%2A") << "never a pattern's wildcard";
}

TEST(AFileSystemName, OfSlashRootIsNotTakenForTheRootDirectory) {
    EXPECT_EQ(fs_name("/root"), "%72oot");
}

TEST(AFileSystemName, IsDistinctForDistinctMountPoints) {
    std::set<std::string> names;
    for (const std::string path :
         {"/", "/home", "/root", "/rootfs", "/boot/efi", "/boot%2Fefi", "/media/me/My Disk",
          "/mnt/a%2Fb", "/mnt/a/b", "/mnt/back\\slash\ttab\nnewline", "/mnt/Données", "/mnt/x//y",
          "/mnt/x/y", "/mnt/trailing/", "/mnt/trailing", "/%72oot"}) {
        EXPECT_TRUE(names.insert(fs_name(path)).second) << path;
    }
}

}  // namespace
}  // namespace vitalsd
