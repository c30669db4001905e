// SPDX-License-Identifier: MIT
#include "mount_sources.hpp"

#include <gtest/gtest.h>

namespace vitalsd {
namespace {

TEST(MountSources, AreEachMountPointsSourceAndType) {
    const auto sources = parse_mount_sources(
        "22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw,errors=remount-ro\n"
        "25 22 259:2 / /boot/efi rw,relatime shared:7 master:2 - vfat /dev/nvme0n1p1 rw\n"
        "30 22 0:40 / /media/me/My\\040Disk rw - exfat /dev/sdb\\0401 rw\n"
        "31 22 0:41 / /home rw - btrfs /dev/sda2 rw\n"
        "32 31 0:42 / /home rw - tmpfs tmpfs rw\n");
    ASSERT_EQ(sources.size(), 4u);
    EXPECT_EQ(sources.at("/").device, "/dev/vda1");
    EXPECT_EQ(sources.at("/").fs_type, "ext4");
    EXPECT_EQ(sources.at("/boot/efi").device, "/dev/nvme0n1p1") << "after two optional fields";
    EXPECT_EQ(sources.at("/media/me/My Disk").device, "/dev/sdb 1");
    EXPECT_EQ(sources.at("/home").fs_type, "btrfs") << "the first mount, not one over it";
}

TEST(MountSources, SkipMalformedLines) {
    const auto sources = parse_mount_sources(
        "garbage\n\n22 1 253:1 / / rw - ext4\n1 2 3 4 /x 6 7 8\n"
        "40 22 0:50 / /ok rw - xfs /dev/sdc\\1 rw\n");
    ASSERT_EQ(sources.size(), 1u);
    EXPECT_EQ(sources.at("/ok").device, "/dev/sdc\\1") << "an escape cut short stays as it is";
}

}  // namespace
}  // namespace vitalsd
