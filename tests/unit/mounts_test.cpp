// SPDX-License-Identifier: MIT
#include "collectors/mounts.hpp"

#include <gtest/gtest.h>

#include "collectors/proc_file.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::TempDir;

TEST(ParseMountinfo, TakesTheDeviceNumbersAndTheSourcePastTheOptionalFields) {
    std::vector<Mount> mounts;
    parse_mountinfo(
        "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n"
        "22 1 259:2 / / rw,relatime shared:1 master:4 propagate_from:2 - ext4 /dev/nvme0n1p2 rw\n"
        "40 22 0:45 / /media/with\\040space rw - btrfs /dev/loop0 rw\n"
        "41 22 0:21 / /proc rw,relatime - proc proc rw",
        mounts);
    ASSERT_EQ(mounts.size(), 4u);
    EXPECT_EQ(mounts[0].major, 98u);
    EXPECT_EQ(mounts[0].minor, 0u);
    EXPECT_EQ(mounts[0].source, "/dev/root");
    EXPECT_EQ(mounts[1].major, 259u);
    EXPECT_EQ(mounts[1].minor, 2u);
    EXPECT_EQ(mounts[1].source, "/dev/nvme0n1p2");
    EXPECT_EQ(mounts[2].source, "/dev/loop0");
    EXPECT_EQ(mounts[3].source, "proc");
}

TEST(ParseMountinfo, TakesTheMountPointAndTheTypeAsTheKernelWritesThem) {
    std::vector<Mount> mounts;
    parse_mountinfo(
        "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue\n"
        "700 28 8:1 / /media/me/My\\040Disk rw - vfat /dev/sda1 rw\n",
        mounts);
    ASSERT_EQ(mounts.size(), 2u);
    EXPECT_EQ(mounts[0].mount_point, "/mnt/parent") << "not the root within the file system";
    EXPECT_EQ(mounts[0].fs_type, "ext3");
    EXPECT_EQ(mounts[1].mount_point, "/media/me/My\\040Disk");
    EXPECT_EQ(mounts[1].fs_type, "vfat");
}

TEST(UnescapeMountField, DecodesTheKernelsOctalEscapes) {
    EXPECT_EQ(unescape_mount_field(R"(/media/me/My\040Disk\011\134\012)"),
              "/media/me/My Disk\t\\\n");
}

TEST(UnescapeMountField, KeepsABackslashThatStartsNoEscape) {
    EXPECT_EQ(unescape_mount_field(R"(a\b\04)"), R"(a\b\04)");
    EXPECT_EQ(unescape_mount_field(R"(\0401)"), " 1");
}

TEST(ParseMountinfo, LeavesOutLinesItCannotMakeOut) {
    std::vector<Mount> mounts{
        {.major = 1, .minor = 1, .source = "stale", .mount_point = {}, .fs_type = {}}};
    parse_mountinfo(
        "garbage\n"
        "36 35 98:x / / rw - ext4 /dev/sda1 rw\n"
        "36 35 98:0 / / rw master:1 ext4 /dev/sda1 rw\n"  // no separator
        "36 35 98:0 / / rw -\n"                           // cut after it
        "36 35 8:1 / / rw - ext4 /dev/sda1 rw\n",
        mounts);
    ASSERT_EQ(mounts.size(), 1u);
    EXPECT_EQ(mounts[0].minor, 1u);
}

TEST(AMountTable, FindsAFileSystemByItsDeviceNumbersOrItsSourceNode) {
    TempDir dir;
    dir.make_dir("self");
    dir.write("self/mountinfo",
              "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
              "30 22 0:45 / /srv rw - btrfs /dev/loop3 rw\n"
              "31 22 104:1 / /old rw - ext4 /dev/cciss/c0d0p1 rw\n");
    MountTable table(dir.path());
    EXPECT_TRUE(table.holds(8, 1, "sda1"));
    EXPECT_TRUE(table.holds(7, 3, "loop3")) << "btrfs shows 0:45, its source names the device";
    EXPECT_TRUE(table.holds(104, 1, "cciss/c0d0p1"));
    EXPECT_FALSE(table.holds(8, 0, "sda"));
    EXPECT_FALSE(table.holds(7, 4, "loop4"));
}

TEST(AMountTable, ReadsACapturedTableAgainOnEveryRefresh) {
    TempDir dir;
    dir.make_dir("self");
    dir.write("self/mountinfo", "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n");
    MountTable table(dir.path());
    EXPECT_FALSE(table.holds(7, 0, "loop0"));
    dir.write("self/mountinfo",
              "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n30 22 7:0 / /x rw - ext4 /dev/loop0 rw\n");
    EXPECT_TRUE(table.refresh()) << "a regular file cannot say it changed";
    EXPECT_TRUE(table.holds(7, 0, "loop0"));
}

TEST(AMountTable, HoldsNothingWithoutAFile) {
    TempDir dir;
    MountTable table(dir.path());
    EXPECT_FALSE(table.holds(8, 1, "sda1"));
    EXPECT_TRUE(table.refresh());
}

// The kernel flags a mount or an unmount on an open mountinfo with POLLPRI; with no mount since
// the file was opened, there is nothing to read again. (A mount by someone else at this very
// moment would make this fail: it is rare enough on a test machine.)
TEST(AProcFile, OnTheLiveMountinfoSaysNothingChangedUntilAMountDoes) {
    ProcFile mountinfo("/proc/self/mountinfo");
    ASSERT_TRUE(mountinfo.read().has_value());
    EXPECT_FALSE(mountinfo.changed());
}

TEST(AProcFile, OutsideProcfsAlwaysCountsAsChanged) {
    TempDir dir;
    dir.write("file", "text");
    ProcFile file(dir.path() + "/file");
    EXPECT_TRUE(file.changed());
    EXPECT_TRUE(file.changed());
    ProcFile missing(dir.path() + "/missing");
    EXPECT_TRUE(missing.changed());
}

}  // namespace
}  // namespace vitalsd
