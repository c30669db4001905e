// SPDX-License-Identifier: MIT
#include "collectors/filesystem.hpp"

#include <gtest/gtest.h>
#include <sys/statvfs.h>

#include <map>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_changing_collector;
using test::read_collector;
using test::sensor_ids;
using test::TempDir;

// The statvfs numbers of the file systems a test knows; any other mount point fails, as statvfs
// on a path that does not exist here would.
class KnownSpace {
public:
    void set(const std::string& mount_point, FsSpace space) { spaces_[mount_point] = space; }

    FsSpaceReader reader() {
        return [this](const std::string& mount_point) -> std::optional<FsSpace> {
            asked_.push_back(mount_point);
            const auto found = spaces_.find(mount_point);
            return found == spaces_.end() ? std::nullopt : std::optional(found->second);
        };
    }

    std::vector<std::string> asked_;

private:
    std::map<std::string, FsSpace> spaces_;
};

std::vector<std::string> fs_sensors(const std::vector<std::string>& names) {
    std::vector<std::string> ids;
    for (const auto& name : names) {
        for (const char* value : {"total", "used", "free", "usedPercent"}) {
            ids.push_back("fs/" + name + "/" + value);
        }
    }
    return ids;
}

class TheFileSystemCollectorOnALaptop : public ::testing::Test {
protected:
    TheFileSystemCollectorOnALaptop() {
        space.set("/", {4096, 60'000'000, 20'000'000, 17'000'000});
        space.set("/boot/efi", {512, 1'048'576, 1'000'000, 1'000'000});
        space.set("/home", {4096, 100'000'000, 1'000, 0});
        space.set("/media/ana/My Stick", {32768, 0, 0, 0});
    }

    KnownSpace space;
};

TEST_F(TheFileSystemCollectorOnALaptop, ListsTheFourRealFileSystemsInMountOrder) {
    FileSystemCollector collector(test::fixture_path("laptop-intel/proc"), space.reader());
    EXPECT_EQ(sensor_ids(collector),
              fs_sensors({"root", "boot%2Fefi", "home", "media%2Fana%2FMy%20Stick"}));
}

TEST_F(TheFileSystemCollectorOnALaptop, AsksStatvfsAboutTheUnescapedMountPointsOnly) {
    FileSystemCollector collector(test::fixture_path("laptop-intel/proc"), space.reader());
    read_collector(collector);
    EXPECT_EQ(space.asked_,
              (std::vector<std::string>{"/", "/boot/efi", "/home", "/media/ana/My Stick"}));
}

TEST_F(TheFileSystemCollectorOnALaptop, GivesSizesInBytesAndTheShareUsedAsDfDoes) {
    FileSystemCollector collector(test::fixture_path("laptop-intel/proc"), space.reader());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["fs/root/total"].a, 60'000'000.0 * 4096);
    EXPECT_EQ(reading["fs/root/used"].a, 40'000'000.0 * 4096);
    EXPECT_EQ(reading["fs/root/free"].a, 17'000'000.0 * 4096);
    EXPECT_DOUBLE_EQ(reading["fs/root/usedPercent"].a, 100.0 * 40'000'000 / 57'000'000);
    EXPECT_EQ(reading["fs/boot%2Fefi/total"].a, 1'048'576.0 * 512);
    EXPECT_EQ(reading["fs/boot%2Fefi/used"].a, 48'576.0 * 512);
    EXPECT_EQ(reading["fs/home/free"].a, 0.0);
    EXPECT_EQ(reading["fs/home/usedPercent"].a, 100.0) << "full for users, root's blocks left";
    EXPECT_EQ(reading["fs/media%2Fana%2FMy%20Stick/usedPercent"].a, 0.0) << "an empty size";
}

TEST_F(TheFileSystemCollectorOnALaptop, DescribesEachFileSystemByItsMountPoint) {
    FileSystemCollector collector(test::fixture_path("laptop-intel/proc"), space.reader());
    const auto& stick = collector.sensors()[12];
    EXPECT_EQ(stick.id, "fs/media%2Fana%2FMy%20Stick/total");
    EXPECT_EQ(stick.unit, "B");
    EXPECT_EQ(stick.label, "/media/ana/My Stick size");
    EXPECT_NE(stick.description.find("vfat file system on /dev/sda1"), std::string::npos)
        << stick.description;
    for (const auto& sensor : collector.sensors()) {
        EXPECT_EQ(sensor.kind, SensorKind::Gauge);
        EXPECT_EQ(sensor.unit, sensor.id.ends_with("usedPercent") ? "%" : "B") << sensor.id;
        EXPECT_FALSE(sensor.label.empty());
        EXPECT_FALSE(sensor.description.empty());
    }
}

TEST_F(TheFileSystemCollectorOnALaptop, LeavesAFileSystemThatStatvfsCannotReadMissing) {
    KnownSpace root_only;
    root_only.set("/", {4096, 10, 5, 5});
    FileSystemCollector collector(test::fixture_path("laptop-intel/proc"), root_only.reader());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["fs/root/total"].a, 40960.0);
    for (const char* value : {"total", "used", "free", "usedPercent"}) {
        EXPECT_FALSE(reading[std::string("fs/home/") + value].present()) << value;
    }
}

TEST(TheFileSystemCollectorOnADesktop, CountsBtrfsSubvolumesZfsAndNtfs3gButNoDvdOrCeph) {
    KnownSpace space;
    FileSystemCollector collector(test::fixture_path("desktop-amd/proc"), space.reader());
    EXPECT_EQ(sensor_ids(collector),
              fs_sensors({"root", "home", "var%2Flog", "boot", "mnt%2Fgames", "mnt%2FDonn%C3%A9es",
                          "mnt%2Fback%5Cslash%09tab", "tank%2Fmedia", "mnt%2Fwin"}));
    const auto labelled = [&](const std::string& id) {
        for (const auto& sensor : collector.sensors()) {
            if (sensor.id == id) {
                return sensor.label;
            }
        }
        return std::string("(none)");
    };
    EXPECT_EQ(labelled("fs/mnt%2FDonn%C3%A9es/free"), "/mnt/Données free");
    EXPECT_EQ(labelled("fs/mnt%2Fback%5Cslash%09tab/free"), "/mnt/back\\slash\ttab free");
}

TEST(TheFileSystemCollectorOnAnArmLaptop, LeavesOutTheNfsHome) {
    KnownSpace space;
    FileSystemCollector collector(test::fixture_path("arm-charge/proc"), space.reader());
    EXPECT_EQ(sensor_ids(collector), fs_sensors({"root", "boot", "mnt%2Fsd"}));
}

class TheFileSystemCollector : public ::testing::Test {
protected:
    void mounts(const std::string& text) const { dir.write("self/mountinfo", text); }

    TempDir dir;
    KnownSpace space;
};

constexpr const char* kRoot = "28 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n";
constexpr const char* kStick = "700 28 8:1 / /media/a rw - vfat /dev/sda1 rw\n";
constexpr const char* kTmp = "40 28 0:40 / /tmp rw - tmpfs tmpfs rw\n";

TEST_F(TheFileSystemCollector, SaysWhenAFileSystemIsMountedAndWhenItIsGone) {
    mounts(kRoot);
    FileSystemCollector collector(dir.path(), space.reader());
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed);

    mounts(std::string(kRoot) + kStick);
    auto reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(reading.sensors.size(), 8u);
    EXPECT_EQ(reading.samples.size(), 8u);
    EXPECT_EQ(reading.sensors[4].id, "fs/media%2Fa/total");

    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed);

    mounts(kRoot);
    reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(sensor_ids(collector), fs_sensors({"root"}));
    EXPECT_EQ(reading.samples.size(), 4u);
}

TEST_F(TheFileSystemCollector, IsNotChangedByAPseudoFileSystemComingOrGoing) {
    mounts(kRoot);
    FileSystemCollector collector(dir.path(), space.reader());
    mounts(std::string(kRoot) + kTmp);
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed);
    EXPECT_EQ(sensor_ids(collector), fs_sensors({"root"}));
}

TEST_F(TheFileSystemCollector, HasNoSensorsWithoutMountinfo) {
    FileSystemCollector collector(dir.path(), space.reader());
    EXPECT_TRUE(collector.sensors().empty());
    std::vector<RawSample> out(3);
    EXPECT_FALSE(collector.read(out));
    EXPECT_TRUE(out.empty());
}

TEST_F(TheFileSystemCollector, SkipsGarbledAndCutLinesWithoutThrowing) {
    mounts(std::string("garbage line\n\n\x01\xff - - -\n") + kRoot +
           "95 28 259:3 / /home rw - ext4");
    FileSystemCollector collector(dir.path(), space.reader());
    EXPECT_EQ(sensor_ids(collector), fs_sensors({"root"}));
}

TEST_F(TheFileSystemCollector, UsesStatvfsByDefault) {
    mounts(kRoot);
    FileSystemCollector collector(dir.path());
    struct statvfs root {};
    ASSERT_EQ(::statvfs("/", &root), 0);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["fs/root/total"].a,
              static_cast<double>(root.f_blocks) * static_cast<double>(root.f_frsize));
    EXPECT_GE(reading["fs/root/usedPercent"].a, 0.0);
    EXPECT_LE(reading["fs/root/usedPercent"].a, 100.0);
}

}  // namespace
}  // namespace vitalsd
