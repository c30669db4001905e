// SPDX-License-Identifier: MIT
#include "collectors/memory.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_collector;
using test::TempDir;

// The "Key:  value kB" lines of a meminfo text, values in kB, parsed here independently of the
// collector so the tests do not hard-code the fixture's numbers.
std::map<std::string, double> kib_of(const std::string& meminfo) {
    std::map<std::string, double> out;
    std::istringstream lines(meminfo);
    std::string key;
    double value = 0;
    std::string rest;
    while (lines >> key >> value) {
        std::getline(lines, rest);
        key.pop_back();  // the ':'
        out[key] = value;
    }
    return out;
}

class TheMemoryCollectorOnTheBasicFixture : public ::testing::Test {
protected:
    MemoryCollector collector{test::basic_proc_root()};
    std::map<std::string, double> kib =
        kib_of(test::read_text(test::basic_proc_root() + "/meminfo"));
};

TEST_F(TheMemoryCollectorOnTheBasicFixture, FindsTheFixturesNumbers) {
    ASSERT_GT(kib.at("MemTotal"), 0);
    ASSERT_GT(kib.at("MemAvailable"), 0);
    ASSERT_EQ(kib.at("SwapTotal"), 0) << "the fixture is said to have no swap";
}

TEST_F(TheMemoryCollectorOnTheBasicFixture, ProvidesElevenGaugesInBytesAndPercent) {
    const auto sensors = collector.sensors();
    ASSERT_EQ(sensors.size(), 11u);
    for (const auto& sensor : sensors) {
        EXPECT_EQ(sensor.kind, SensorKind::Gauge) << sensor.id;
        EXPECT_TRUE(sensor.id.starts_with("memory/")) << sensor.id;
        EXPECT_TRUE(sensor.unit == "B" || sensor.unit == "%") << sensor.id;
    }
}

TEST_F(TheMemoryCollectorOnTheBasicFixture, ReportsTheTotalAsMemTotalInBytesExactly) {
    EXPECT_EQ(read_collector(collector)["memory/physical/total"].a, kib.at("MemTotal") * 1024);
}

TEST_F(TheMemoryCollectorOnTheBasicFixture, ReportsUsedAsTotalLessAvailable) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/used"].a,
              reading["memory/physical/total"].a - reading["memory/physical/available"].a);
    EXPECT_EQ(reading["memory/physical/used"].a,
              (kib.at("MemTotal") - kib.at("MemAvailable")) * 1024);
}

TEST_F(TheMemoryCollectorOnTheBasicFixture, ReportsFreeAvailableCachedAndBuffersInBytes) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/free"].a, kib.at("MemFree") * 1024);
    EXPECT_EQ(reading["memory/physical/available"].a, kib.at("MemAvailable") * 1024);
    EXPECT_EQ(reading["memory/physical/cached"].a, kib.at("Cached") * 1024);
    EXPECT_EQ(reading["memory/physical/buffers"].a, kib.at("Buffers") * 1024);
}

TEST_F(TheMemoryCollectorOnTheBasicFixture, ReportsTheShareOfMemoryInUse) {
    const auto reading = read_collector(collector);
    EXPECT_DOUBLE_EQ(reading["memory/physical/usedPercent"].a,
                     100.0 * (kib.at("MemTotal") - kib.at("MemAvailable")) / kib.at("MemTotal"));
}

TEST_F(TheMemoryCollectorOnTheBasicFixture, ReportsZeroSwapUsedWithoutSwap) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/swap/total"].a, 0.0);
    EXPECT_EQ(reading["memory/swap/used"].a, 0.0);
    EXPECT_EQ(reading["memory/swap/free"].a, 0.0);
    EXPECT_EQ(reading["memory/swap/usedPercent"].a, 0.0);
}

class TheMemoryCollector : public ::testing::Test {
protected:
    TempDir dir;
};

TEST_F(TheMemoryCollector, ReportsTheSwapInUseAndItsShare) {
    dir.write("meminfo",
              "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 400 kB\n"
              "SwapTotal: 2000 kB\nSwapFree: 500 kB\n");
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/swap/total"].a, 2000.0 * 1024);
    EXPECT_EQ(reading["memory/swap/free"].a, 500.0 * 1024);
    EXPECT_EQ(reading["memory/swap/used"].a, 1500.0 * 1024);
    EXPECT_DOUBLE_EQ(reading["memory/swap/usedPercent"].a, 75.0);
    EXPECT_DOUBLE_EQ(reading["memory/physical/usedPercent"].a, 60.0);
}

TEST_F(TheMemoryCollector, LeavesUsedMissingWithoutMemAvailable) {
    dir.write("meminfo", "MemTotal: 1000 kB\nMemFree: 100 kB\n");
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/total"].a, 1000.0 * 1024);
    EXPECT_FALSE(reading["memory/physical/used"].present());
    EXPECT_FALSE(reading["memory/physical/usedPercent"].present());
    EXPECT_FALSE(reading["memory/physical/available"].present());
    EXPECT_FALSE(reading["memory/swap/used"].present());
    EXPECT_FALSE(reading["memory/swap/usedPercent"].present());
}

TEST_F(TheMemoryCollector, LeavesAValueThatIsNotANumberMissing) {
    dir.write("meminfo", "MemTotal: lots kB\nMemFree: 12x kB\nMemAvailable: 400 kB\n");
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_FALSE(reading["memory/physical/total"].present());
    EXPECT_FALSE(reading["memory/physical/free"].present());
    EXPECT_FALSE(reading["memory/physical/used"].present());
    EXPECT_EQ(reading["memory/physical/available"].a, 400.0 * 1024);
}

TEST_F(TheMemoryCollector, ReadsTheLastLineWithoutATrailingNewline) {
    dir.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 400 kB");
    MemoryCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["memory/physical/available"].a, 400.0 * 1024);
}

TEST_F(TheMemoryCollector, DoesNotTakeAKeyThatOnlyStartsLikeAKnownOne) {
    dir.write("meminfo", "MemTotalish: 5 kB\nMemTotal: 1000 kB\nSwapCached: 7 kB\nCached: 9 kB\n");
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/total"].a, 1000.0 * 1024);
    EXPECT_EQ(reading["memory/physical/cached"].a, 9.0 * 1024);
}

TEST_F(TheMemoryCollector, SeesTheFileChangeBetweenReads) {
    dir.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 400 kB\n");
    MemoryCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["memory/physical/used"].a, 600.0 * 1024);
    dir.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 900 kB\n");
    EXPECT_EQ(read_collector(collector)["memory/physical/used"].a, 100.0 * 1024);
}

TEST_F(TheMemoryCollector, GivesAllMissingSamplesWithoutThrowingWhenTheFileIsMissing) {
    MemoryCollector collector(dir.path());
    test::CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    ASSERT_EQ(reading.samples.size(), 11u);
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        EXPECT_FALSE(reading.samples[i].present()) << reading.sensors[i].id;
    }
}

TEST_F(TheMemoryCollector, ReadsTheFileOnceItAppears) {
    MemoryCollector collector(dir.path());
    EXPECT_FALSE(read_collector(collector)["memory/physical/total"].present());
    dir.write("meminfo", "MemTotal: 1000 kB\n");
    EXPECT_EQ(read_collector(collector)["memory/physical/total"].a, 1000.0 * 1024);
}

TEST(TheArcstatsParser, ReadsTheSizeAndTheMinimumInBytes) {
    const auto arc = parse_arcstats(
        "13 1 0x01 123 33456 5161342578 1844325104571\n"
        "name                            type data\n"
        "hits                            4    9000\n"
        "c                               4    4294967296\n"
        "c_min                           4    1051721728\n"
        "c_max                           4    8413773824\n"
        "size                            4    2147483648\n"
        "compressed_size                 4    1500000000\n");
    EXPECT_EQ(arc.size, 2147483648.0);
    EXPECT_EQ(arc.min, 1051721728.0);
}

TEST(TheArcstatsParser, LeavesWhatTheTextLacksMissing) {
    EXPECT_TRUE(std::isnan(parse_arcstats("").size));
    EXPECT_TRUE(std::isnan(parse_arcstats("").min));
    const auto no_min = parse_arcstats("size 4 2048\nc_max 4 4096\narc_meta_min 4 16");
    EXPECT_EQ(no_min.size, 2048.0);
    EXPECT_TRUE(std::isnan(no_min.min));
}

TEST(TheArcstatsParser, LeavesAValueThatIsNotAWholeNumberMissing) {
    EXPECT_TRUE(std::isnan(parse_arcstats("size 4 12x\nc_min 4 16").size));
    EXPECT_TRUE(std::isnan(parse_arcstats("size 4 -12\nc_min 4 16").size));
    EXPECT_TRUE(std::isnan(parse_arcstats("size 4\nc_min 4 16").size));
    EXPECT_TRUE(std::isnan(parse_arcstats("size 4 2048\nc_min 4 1.5").min));
}

TEST(TheArcstatsParser, TakesOnlyWholeNamesAndTheFirstLineOfEach) {
    const auto arc = parse_arcstats(
        "l2_size 4 1\nsize_x 4 2\nc_minimum 4 3\nsize 4 2048\nc_min 4 16\nsize 4 9\n");
    EXPECT_EQ(arc.size, 2048.0);
    EXPECT_EQ(arc.min, 16.0);
}

// A machine of 1000 kB, 400 kB of them available, 100 kB cached, with the ZFS ARC at 300 kB and
// its minimum at 100 kB, unless a test says otherwise.
class TheMemoryCollectorWithZfs : public ::testing::Test {
protected:
    TheMemoryCollectorWithZfs() {
        dir.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 400 kB\nCached: 100 kB\n");
        write_arcstats(300 * 1024, 100 * 1024);
    }

    void write_arcstats(unsigned long long size, unsigned long long min) const {
        dir.write("spl/kstat/zfs/arcstats",
                  "13 1 0x01 2 544 5161342578 1844325104571\nname type data\nc_min 4 " +
                      std::to_string(min) + "\nsize 4 " + std::to_string(size) + "\n");
    }

    TempDir dir;
};

TEST_F(TheMemoryCollectorWithZfs, CountsTheArcAboveItsMinimumAsCacheNotAsUsed) {
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    // 200 kB of the ARC can shrink: used 600 - 200, available 400 + 200, cached 100 + 200.
    EXPECT_EQ(reading["memory/physical/used"].a, 400.0 * 1024);
    EXPECT_EQ(reading["memory/physical/available"].a, 600.0 * 1024);
    EXPECT_EQ(reading["memory/physical/cached"].a, 300.0 * 1024);
    EXPECT_DOUBLE_EQ(reading["memory/physical/usedPercent"].a, 40.0);
    EXPECT_EQ(reading["memory/physical/total"].a, 1000.0 * 1024);
}

TEST_F(TheMemoryCollectorWithZfs, CountsAnArcAtItsMinimumAsUsed) {
    write_arcstats(100 * 1024, 100 * 1024);
    MemoryCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["memory/physical/used"].a, 600.0 * 1024);
    write_arcstats(50 * 1024, 100 * 1024);
    EXPECT_EQ(read_collector(collector)["memory/physical/used"].a, 600.0 * 1024);
}

TEST_F(TheMemoryCollectorWithZfs, NeverCountsMoreThanWhatIsUsedAsCache) {
    write_arcstats(5000 * 1024, 100 * 1024);  // a container's meminfo, the host's ARC
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/used"].a, 0.0);
    EXPECT_EQ(reading["memory/physical/available"].a, 1000.0 * 1024);
    EXPECT_EQ(reading["memory/physical/cached"].a, 700.0 * 1024);
}

TEST_F(TheMemoryCollectorWithZfs, GivesTheKernelsNumbersWhenArcstatsLacksOne) {
    dir.write("spl/kstat/zfs/arcstats", "size 4 307200\nc_min 4 lots\n");
    MemoryCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/used"].a, 600.0 * 1024);
    EXPECT_EQ(reading["memory/physical/cached"].a, 100.0 * 1024);
    EXPECT_EQ(reading["memory/physical/available"].a, 400.0 * 1024);
}

TEST_F(TheMemoryCollectorWithZfs, SaysInTheDescriptionsThatTheArcIsCounted) {
    const auto description = [](const MemoryCollector& collector, std::string_view id) {
        const auto& sensors = collector.sensors();
        return std::find_if(sensors.begin(), sensors.end(),
                            [&](const SensorInfo& sensor) { return sensor.id == id; })
            ->description;
    };
    MemoryCollector with_zfs(dir.path());
    TempDir no_zfs;
    MemoryCollector without_zfs(no_zfs.path());
    for (const auto* id : {"memory/physical/available", "memory/physical/cached"}) {
        EXPECT_NE(description(with_zfs, id).find("ZFS ARC"), std::string::npos) << id;
        EXPECT_EQ(description(without_zfs, id).find("ZFS"), std::string::npos) << id;
    }
}

TEST(TheMemoryCollectorOnTheZfsFixture, CountsTheArcAboveItsMinimumAsCache) {
    // From proc/meminfo and proc/spl/kstat/zfs/arcstats:
    //   total      = 32734412 kB * 1024                    = 33520037888
    //   available  =  6902468 kB * 1024                    =  7068127232 (MemAvailable)
    //   the ARC above its minimum = 12389460416 - 1047501184 = 11341959232 (size - c_min)
    //   used       = 33520037888 - 7068127232 - 11341959232 = 15109951424
    //   cached     =  2874640 kB * 1024 + 11341959232      = 14285590592
    //   available  =  7068127232 + 11341959232             = 18410086464
    //   usedPercent = 100 * 15109951424 / 33520037888      = 45.0773697...
    MemoryCollector collector(test::fixture_path("zfs/proc"));
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["memory/physical/total"].a, 33520037888.0);
    EXPECT_EQ(reading["memory/physical/used"].a, 15109951424.0);
    EXPECT_EQ(reading["memory/physical/cached"].a, 14285590592.0);
    EXPECT_EQ(reading["memory/physical/available"].a, 18410086464.0);
    EXPECT_NEAR(reading["memory/physical/usedPercent"].a, 45.07737, 1e-5);
    EXPECT_EQ(reading["memory/physical/free"].a, 4815236.0 * 1024);
    EXPECT_EQ(reading["memory/physical/buffers"].a, 5836.0 * 1024);
    EXPECT_EQ(reading["memory/swap/used"].a, (2097148.0 - 1967868.0) * 1024);
}

TEST(TheMemoryCollectorWithoutZfs, DoesNotLookForArcstatsAfterItsConstruction) {
    TempDir dir;
    dir.write("meminfo", "MemTotal: 1000 kB\nMemAvailable: 400 kB\n");
    MemoryCollector collector(dir.path());
    dir.write("spl/kstat/zfs/arcstats", "c_min 4 0\nsize 4 307200\n");
    EXPECT_EQ(read_collector(collector)["memory/physical/used"].a, 600.0 * 1024);
}

}  // namespace
}  // namespace vitalsd
