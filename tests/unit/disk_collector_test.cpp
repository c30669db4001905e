// SPDX-License-Identifier: MIT
#include "collectors/disk.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <vector>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::CollectorReading;
using test::present_ids;
using test::rate;
using test::read_collector;
using test::TempDir;

struct Sectors {
    double read = 0;
    double written = 0;
};

// The sectors read and written of each device of a /proc/diskstats text, parsed here
// independently of the collector: major, minor, name, then the 3rd and the 7th numbers.
std::map<std::string, Sectors> sectors_of(const std::string& text) {
    std::map<std::string, Sectors> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string major, minor, name;
        std::vector<double> values(7);
        fields >> major >> minor >> name;
        for (auto& value : values) {
            fields >> value;
        }
        out[name] = {values[2], values[6]};
    }
    return out;
}

// Returns the device segments of disk/<device>/read in the sensor list, all first.
std::vector<std::string> devices_of(const std::vector<SensorInfo>& sensors) {
    std::vector<std::string> out;
    for (const auto& sensor : sensors) {
        if (sensor.id.ends_with("/read")) {
            out.push_back(sensor.id.substr(5, sensor.id.size() - 5 - 5));
        }
    }
    return out;
}

// Returns a diskstats text in which each device read and wrote more sectors: more(name) read
// and twice that written. Every other field stays as it is.
template <typename More>
std::string advanced(const std::string& text, More more) {
    std::ostringstream out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string major, minor, name;
        fields >> major >> minor >> name;
        out << major << ' ' << minor << ' ' << name;
        unsigned long long value = 0;
        for (int i = 0; fields >> value; ++i) {
            const auto extra = static_cast<unsigned long long>(more(name));
            out << ' ' << value + (i == 2 ? extra : i == 6 ? 2 * extra : 0);
        }
        out << '\n';
    }
    return out.str();
}

struct Line {
    std::string name;
    unsigned major;
    unsigned minor;
    double sectors_read;
    double sectors_written;
};

// A /proc/diskstats text with these devices, in the format of kernel 5.5 and later.
std::string diskstats(const std::vector<Line>& lines) {
    std::ostringstream out;
    for (const auto& l : lines) {
        out.width(4);
        out << l.major << ' ';
        out.width(7);
        out << l.minor << ' ' << l.name << " 10 0 "
            << static_cast<unsigned long long>(l.sectors_read) << " 5 20 0 "
            << static_cast<unsigned long long>(l.sectors_written) << " 7 0 12 12 0 0 0 0 0 0\n";
    }
    return out.str();
}

// A fixture tree read as the service would: <case>/proc and <case>/sys.
class ADiskFixture {
protected:
    explicit ADiskFixture(const std::string& name)
        : proc(test::fixture_path(name + "/proc")),
          collector(proc, test::fixture_path(name + "/sys")),
          sectors(sectors_of(test::read_text(proc + "/diskstats"))) {}

    // Checks a listed device's bytes against the fixture's sectors, 512 bytes each.
    void expect_bytes(const CollectorReading& reading, const std::string& name,
                      const std::string& segment) const {
        SCOPED_TRACE(name);
        EXPECT_EQ(reading["disk/" + segment + "/read"].a, sectors.at(name).read * 512);
        EXPECT_EQ(reading["disk/" + segment + "/write"].a, sectors.at(name).written * 512);
    }

    std::string proc;
    DiskCollector collector;
    std::map<std::string, Sectors> sectors;
};

// This machine as it is: a virtio disk, loop devices with no file system mounted, an unused
// zram device.
class TheDiskCollectorOnTheVmFixture : public ADiskFixture, public ::testing::Test {
protected:
    TheDiskCollectorOnTheVmFixture() : ADiskFixture("vm") {}
};

TEST_F(TheDiskCollectorOnTheVmFixture, ListsTheDiskButNoUnmountedLoopOrZramDevice) {
    ASSERT_TRUE(sectors.contains("loop0"));
    ASSERT_TRUE(sectors.contains("zram0"));
    EXPECT_EQ(devices_of(collector.sensors()), (std::vector<std::string>{"all", "vda"}));
}

TEST_F(TheDiskCollectorOnTheVmFixture, GivesBytesPerSecondFromSectorsOf512Bytes) {
    for (const auto& sensor : collector.sensors()) {
        const bool total =
            sensor.id.ends_with("/totalRead") || sensor.id.ends_with("/totalWritten");
        EXPECT_EQ(sensor.kind, total ? SensorKind::Gauge : SensorKind::Rate) << sensor.id;
        EXPECT_EQ(sensor.unit, total ? "B" : "B/s") << sensor.id;
        EXPECT_FALSE(sensor.label.empty()) << sensor.id;
        EXPECT_FALSE(sensor.description.empty()) << sensor.id;
    }
    const auto reading = read_collector(collector);
    expect_bytes(reading, "vda", "vda");
    EXPECT_EQ(reading["disk/all/read"].a, 0.0) << "the total's rate starts from the first read";
}

TEST_F(TheDiskCollectorOnTheVmFixture, GivesTheKernelsByteCountersAsTheyAre) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["disk/vda/totalRead"].a, sectors.at("vda").read * 512);
    EXPECT_EQ(reading["disk/vda/totalWritten"].a, sectors.at("vda").written * 512);
    // The total counts the disk alone: the loop and zram devices are left out.
    EXPECT_EQ(reading["disk/all/totalRead"].a, sectors.at("vda").read * 512);
    EXPECT_EQ(reading["disk/all/totalWritten"].a, sectors.at("vda").written * 512);
}

TEST_F(TheDiskCollectorOnTheVmFixture, FindsNothingChangedOnTheNextReads) {
    EXPECT_TRUE(test::reads_steadily(collector));
}

// This machine with loop devices holding btrfs (whose mountinfo line shows an anonymous device,
// not 7:0) and ext4, one attached but not mounted, and a zram device holding ext4.
class TheDiskCollectorOnTheVmDevicesFixture : public ADiskFixture, public ::testing::Test {
protected:
    TheDiskCollectorOnTheVmDevicesFixture() : ADiskFixture("vm-devices") {}
};

TEST_F(TheDiskCollectorOnTheVmDevicesFixture, ListsLoopAndZramDevicesThatHoldAMount) {
    ASSERT_GT(sectors.at("loop2").read, 0) << "read, but not mounted";
    EXPECT_EQ(devices_of(collector.sensors()),
              (std::vector<std::string>{"all", "loop0", "loop1", "vda", "zram1"}));
    const auto reading = read_collector(collector);
    for (const char* name : {"loop0", "loop1", "vda", "zram1"}) {
        expect_bytes(reading, name, name);
    }
}

// Hand-written after real machines: NVMe and SATA disks with partitions, LUKS and LVM
// (device-mapper on a partition, and on that), snaps, a loop device with a mounted partition,
// btrfs on loop, zram swap and zram with a file system, ram disks, an old cciss controller whose
// devices have a '/' in their names, a CD drive.
class TheDiskCollectorOnTheOddDevicesFixture : public ADiskFixture, public ::testing::Test {
protected:
    TheDiskCollectorOnTheOddDevicesFixture() : ADiskFixture("odd-devices") {}
};

TEST_F(TheDiskCollectorOnTheOddDevicesFixture, ListsWholeDevicesButNoPartitions) {
    EXPECT_EQ(
        devices_of(collector.sensors()),
        (std::vector<std::string>{"all", "nvme0n1", "sda", "sdb", "sr0", "dm-0", "dm-1", "loop0",
                                  "loop8", "loop9", "zram1", "ram1", "cciss%2Fc0d0"}));
}

TEST_F(TheDiskCollectorOnTheOddDevicesFixture, ReadsTheBytesOfEachListedDevice) {
    const auto reading = read_collector(collector);
    for (const char* name : {"nvme0n1", "sda", "sdb", "sr0", "dm-0", "dm-1", "loop0", "loop8",
                             "loop9", "zram1", "ram1"}) {
        expect_bytes(reading, name, name);
    }
    expect_bytes(reading, "cciss/c0d0", "cciss%2Fc0d0");
}

TEST_F(TheDiskCollectorOnTheOddDevicesFixture, TotalsTheDisksButNotWhatSitsOnThem) {
    // Partitions, device-mapper devices and loop devices hold bytes that their disks count.
    const std::vector<std::string> disks = {"nvme0n1", "sda",  "sdb",       "sr0",
                                            "zram1",   "ram1", "cciss/c0d0"};
    const auto text = test::read_text(proc + "/diskstats");
    TempDir dir;
    dir.write("diskstats", text);
    dir.make_dir("self");
    dir.write("self/mountinfo", test::read_text(proc + "/self/mountinfo"));
    DiskCollector moving(dir.path(), test::fixture_path("odd-devices/sys"));
    const auto before = read_collector(moving);

    // Every device reads as many sectors more as its name has characters, and writes twice that.
    dir.write("diskstats", advanced(text, [](const std::string& name) { return name.size(); }));
    const auto after = read_collector(moving);
    double read = 0;
    for (const auto& disk : disks) {
        read += static_cast<double>(disk.size()) * 512;
    }
    EXPECT_EQ(rate(before, after, "disk/all/read"), read);
    EXPECT_EQ(rate(before, after, "disk/all/write"), 2 * read);
    EXPECT_EQ(rate(before, after, "disk/dm-1/read"), 4 * 512.0) << "listed on its own";
    EXPECT_EQ(rate(before, after, "disk/loop9/write"), 2 * 5 * 512.0) << "listed on its own";
}

// A proc and a sys tree written by the tests.
class TheDiskCollector : public ::testing::Test {
protected:
    TheDiskCollector() {
        dir.make_dir("proc/self");
        dir.write("proc/self/mountinfo", kRootMount);
        for (const char* disk : {"sda", "sdb", "loop0", "loop1", "zram0", "ram0"}) {
            dir.make_dir(std::string("sys/block/") + disk);
            dir.make_dir(std::string("sys/class/block/") + disk);
        }
        add_partition("sda", "sda1");
        add_partition("loop1", "loop1p1");
    }

    void add_partition(const std::string& disk, const std::string& partition) const {
        dir.make_dir("sys/block/" + disk + "/" + partition);
        dir.make_dir("sys/class/block/" + partition);
        dir.write("sys/class/block/" + partition + "/partition", "1\n");
    }

    std::string proc() const { return dir.path() + "/proc"; }
    std::string sys() const { return dir.path() + "/sys"; }

    static constexpr const char* kRootMount =
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        "23 22 0:21 / /proc rw,relatime shared:12 - proc proc rw\n";

    TempDir dir;
};

TEST_F(TheDiskCollector, GivesTheBytesPerSecondBetweenTwoReadings) {
    dir.write(
        "proc/diskstats",
        diskstats({{"sda", 8, 0, 1000, 2000}, {"sda1", 8, 1, 900, 1800}, {"sdb", 8, 16, 10, 20}}));
    DiskCollector disks(proc(), sys());
    const auto before = read_collector(disks);
    dir.write(
        "proc/diskstats",
        diskstats({{"sda", 8, 0, 1400, 2100}, {"sda1", 8, 1, 1300, 1900}, {"sdb", 8, 16, 12, 20}}));
    const auto after = read_collector(disks);
    EXPECT_DOUBLE_EQ(rate(before, after, "disk/sda/read", 2.0), 400 * 512 / 2.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "disk/sda/write", 2.0), 100 * 512 / 2.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "disk/sdb/read", 2.0), 2 * 512 / 2.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "disk/all/read", 2.0), 402 * 512 / 2.0)
        << "sda1 is inside sda: not counted twice";
    EXPECT_THROW(after["disk/sda1/read"], std::out_of_range);
}

TEST_F(TheDiskCollector, GivesNoThroughputWhenACounterGoesBackwards) {
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1000, 2000}, {"sdb", 8, 16, 10, 20}}));
    DiskCollector disks(proc(), sys());
    const auto before = read_collector(disks);
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 10, 2000}, {"sdb", 8, 16, 11, 20}}));
    const auto after = read_collector(disks);
    EXPECT_EQ(rate(before, after, "disk/sda/read"), 0.0);
    EXPECT_EQ(rate(before, after, "disk/all/read"), 512.0) << "sdb's sector only";
}

TEST_F(TheDiskCollector, ListsADiskThatIsPluggedInAndDropsItWhenItGoes) {
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1, 1}}));
    DiskCollector disks(proc(), sys());
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "sda"}));
    std::vector<RawSample> out;
    EXPECT_FALSE(disks.read(out));

    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1, 1}, {"sdb", 8, 16, 5e9, 5e9}}));
    EXPECT_TRUE(disks.read(out));
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "sda", "sdb"}));
    EXPECT_EQ(out.size(), disks.sensors().size());
    EXPECT_EQ(out[0].a, 0.0) << "a disk plugged in with its counters brings no burst";
    EXPECT_FALSE(disks.read(out));

    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1, 1}}));
    EXPECT_TRUE(disks.read(out));
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "sda"}));
}

TEST_F(TheDiskCollector, ListsLoopRamAndZramDevicesOnlyWhileTheyHoldAMount) {
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1, 1},
                                           {"loop0", 7, 0, 2, 2},
                                           {"zram0", 252, 0, 3, 3},
                                           {"ram0", 1, 0, 4, 4}}));
    DiskCollector disks(proc(), sys());
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "sda"}));
    std::vector<RawSample> out;

    dir.write("proc/self/mountinfo",
              std::string(kRootMount) +
                  "30 22 7:0 / /snap/core/1 ro,relatime - squashfs /dev/loop0 ro\n"
                  "31 22 252:0 / /var/tmp rw,relatime - ext4 /dev/zram0 rw\n");
    EXPECT_TRUE(disks.read(out));
    EXPECT_EQ(devices_of(disks.sensors()),
              (std::vector<std::string>{"all", "sda", "loop0", "zram0"}));
    EXPECT_FALSE(disks.read(out));

    dir.write(
        "proc/self/mountinfo",
        std::string(kRootMount) + "31 22 252:0 / /var/tmp rw,relatime - ext4 /dev/zram0 rw\n");
    EXPECT_TRUE(disks.read(out));
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "sda", "zram0"}));
}

TEST_F(TheDiskCollector, ListsALoopDeviceWhosePartitionIsMounted) {
    dir.write("proc/diskstats", diskstats({{"loop1", 7, 1, 2, 2}, {"loop1p1", 259, 0, 2, 2}}));
    dir.write("proc/self/mountinfo",
              std::string(kRootMount) + "30 22 259:0 / /media/x rw - ext4 /dev/loop1p1 rw\n");
    DiskCollector disks(proc(), sys());
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "loop1"}));
}

TEST_F(TheDiskCollector, KnowsABtrfsMountByItsSourceForItShowsNoBlockDevice) {
    dir.write("proc/diskstats", diskstats({{"loop0", 7, 0, 2, 2}}));
    dir.write("proc/self/mountinfo",
              std::string(kRootMount) + "30 22 0:45 / /srv rw - btrfs /dev/loop0 rw,subvol=/\n");
    DiskCollector disks(proc(), sys());
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "loop0"}));
}

TEST_F(TheDiskCollector, ListsNothingItCannotFindInSysfs) {
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1, 1}, {"sdz", 8, 208, 1, 1}}));
    DiskCollector disks(proc(), sys());
    EXPECT_EQ(devices_of(disks.sensors()), (std::vector<std::string>{"all", "sda"}));
}

TEST_F(TheDiskCollector, LeavesTheNumbersOfALineCutShortMissing) {
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 1, 1}, {"sdb", 8, 16, 1, 1}}));
    DiskCollector disks(proc(), sys());
    dir.write("proc/diskstats", diskstats({{"sda", 8, 0, 7, 9}}) + "   8      16 sdb 12 0 34");
    const auto reading = read_collector(disks);
    EXPECT_EQ(reading["disk/sda/write"].a, 9 * 512.0);
    EXPECT_EQ(reading["disk/sdb/read"].a, 34 * 512.0);
    EXPECT_FALSE(reading["disk/sdb/write"].present());
}

TEST_F(TheDiskCollector, ListsNoDeviceForGarbage) {
    dir.write("proc/diskstats", "garbage\n8\n8 0\n\x01 \x02 sda 1 2 3\n-1 0 sda 1 2 3 4 5 6 7\n");
    DiskCollector disks(proc(), sys());
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(disks));
    EXPECT_EQ(devices_of(reading.sensors), (std::vector<std::string>{"all"}));
}

TEST_F(TheDiskCollector, GivesMissingTotalsWithoutThrowingWhenTheFilesAreMissing) {
    DiskCollector disks(dir.path() + "/nowhere", dir.path() + "/nothing");
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(disks));
    ASSERT_EQ(reading.sensors.size(), 4u) << "disk/all/* only";
    EXPECT_EQ(present_ids(reading), std::vector<std::string>{});
}

}  // namespace
}  // namespace vitalsd
