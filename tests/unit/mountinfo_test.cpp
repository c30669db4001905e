// SPDX-License-Identifier: MIT
#include "collectors/mountinfo.hpp"

#include <gtest/gtest.h>

#include <string>

namespace vitalsd {
namespace {

MountEntry mount(std::string type, unsigned major = 0, std::string source = "none") {
    return MountEntry{major, 1, "/mnt/x", std::move(type), std::move(source)};
}

TEST(AMountinfoLine, GivesTheDeviceMountPointTypeAndSource) {
    const auto entry = parse_mountinfo_line(
        "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->major, 98u);
    EXPECT_EQ(entry->minor, 0u);
    EXPECT_EQ(entry->mount_point, "/mnt2");
    EXPECT_EQ(entry->fs_type, "ext3");
    EXPECT_EQ(entry->source, "/dev/root");
}

TEST(AMountinfoLine, MayHaveNoOptionalFieldsOrSeveral) {
    EXPECT_EQ(parse_mountinfo_line("28 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw")->fs_type, "ext4");
    EXPECT_EQ(parse_mountinfo_line("28 1 259:2 / / rw shared:1 master:2 propagate_from:3 "
                                   "unbindable - btrfs /dev/sda rw")
                  ->fs_type,
              "btrfs");
}

TEST(AMountinfoLine, HasItsOctalEscapesDecoded) {
    const auto entry = parse_mountinfo_line(
        R"(700 28 8:1 / /media/me/My\040Disk\011\134\012 rw - vfat /dev/sd\040a1 rw)");
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->mount_point, "/media/me/My Disk\t\\\n");
    EXPECT_EQ(entry->source, "/dev/sd a1");
}

TEST(AMountinfoLine, KeepsABackslashThatStartsNoEscape) {
    EXPECT_EQ(unescape_mount_field(R"(a\b\04)"), R"(a\b\04)");
    EXPECT_EQ(unescape_mount_field(R"(\0401)"), " 1");
}

TEST(AMountinfoLine, ThatIsCutShortOrGarbledIsNone) {
    EXPECT_FALSE(parse_mountinfo_line(""));
    EXPECT_FALSE(parse_mountinfo_line("28 1 259:2 / / rw shared:1"));
    EXPECT_FALSE(parse_mountinfo_line("28 1 259:2 / / rw shared:1 -"));
    EXPECT_FALSE(parse_mountinfo_line("28 1 259:2 / / rw - ext4"));
    EXPECT_FALSE(parse_mountinfo_line("x 1 259:2 / / rw - ext4 /dev/a rw"));
    EXPECT_FALSE(parse_mountinfo_line("28 1 2592 / / rw - ext4 /dev/a rw"));
    EXPECT_FALSE(parse_mountinfo_line("28 1 259: / / rw - ext4 /dev/a rw"));
}

TEST(ARealFileSystem, IsAKnownDiskFileSystemEvenWithoutABlockDevice) {
    for (const char* type : {"ext4", "xfs", "btrfs", "vfat", "exfat", "zfs", "fuseblk", "f2fs"}) {
        EXPECT_TRUE(is_real_file_system(mount(type, 0))) << type;
    }
}

TEST(ARealFileSystem, IsAnyOtherFileSystemOnABlockDevice) {
    EXPECT_TRUE(is_real_file_system(mount("someday-fs", 8, "/dev/sdb1")));
    EXPECT_FALSE(is_real_file_system(mount("someday-fs", 0, "somewhere")));
}

TEST(ARealFileSystem, IsNeverAPseudoMemoryOrImageFileSystem) {
    for (const char* type : {"proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2",
                             "overlay", "squashfs", "erofs", "debugfs", "tracefs", "securityfs",
                             "autofs", "efivarfs", "bpf", "iso9660"}) {
        EXPECT_FALSE(is_real_file_system(mount(type, 7, "/dev/loop0"))) << type;
    }
}

// statvfs on these waits for a server or a process, and hangs while it does not answer.
TEST(ARealFileSystem, IsNeverANetworkFileSystemOrAProgramsFuseMount) {
    for (const char* type : {"nfs", "nfs4", "cifs", "smb3", "ceph", "9p", "fuse.sshfs",
                             "fuse.rclone", "fuse.gvfsd-fuse", "fuse"}) {
        EXPECT_FALSE(is_real_file_system(mount(type, 0, "server:/export"))) << type;
    }
}

TEST(TheRealFileSystems, AreListedInOrderWithoutNoise) {
    const auto mounts = real_file_systems(
        "22 28 0:21 / /sys rw - sysfs sysfs rw\n"
        "28 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n"
        "60 28 7:0 / /snap/core22/1122 ro - squashfs /dev/loop0 ro\n"
        "garbage\n"
        "93 28 259:1 / /boot/efi rw - vfat /dev/nvme0n1p1 rw\n"
        "610 28 0:50 / /mnt/nas rw - nfs4 nas:/share rw");
    ASSERT_EQ(mounts.size(), 2u);
    EXPECT_EQ(mounts[0].mount_point, "/");
    EXPECT_EQ(mounts[1].mount_point, "/boot/efi");
}

TEST(TheRealFileSystems, HoldTheLastMountOnAPoint) {
    auto mounts = real_file_systems(
        "28 1 259:2 / /data rw - ext4 /dev/sda1 rw\n"
        "29 28 259:3 / /data rw - xfs /dev/sdb1 rw");
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].fs_type, "xfs");

    mounts = real_file_systems(
        "28 1 259:2 / /data rw - ext4 /dev/sda1 rw\n"
        "29 28 0:40 / /data rw - tmpfs tmpfs rw");
    EXPECT_TRUE(mounts.empty()) << "a tmpfs hides the disk under it";
}

TEST(AFileSystemName, IsRootForTheRootDirectory) {
    EXPECT_EQ(fs_name("/"), "root");
    EXPECT_EQ(mount_point_of_fs_name("root"), "/");
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
    EXPECT_NE(fs_name("/root"), "root");
    EXPECT_EQ(mount_point_of_fs_name(fs_name("/root")), "/root");
}

TEST(AFileSystemName, GivesBackItsMountPoint) {
    for (const std::string path :
         {"/", "/home", "/root", "/rootfs", "/boot/efi", "/media/me/My Disk", "/mnt/a%2Fb",
          "/mnt/back\\slash\ttab\nnewline", "/mnt/Données", "/mnt/x//y", "/mnt/trailing/"}) {
        EXPECT_EQ(mount_point_of_fs_name(fs_name(path)), path) << path;
    }
}

TEST(AFileSystemName, ThatIsNoEscapingGivesNoMountPoint) {
    EXPECT_EQ(mount_point_of_fs_name("home%2"), std::nullopt);
    EXPECT_EQ(mount_point_of_fs_name(""), std::nullopt);
}

}  // namespace
}  // namespace vitalsd
