// SPDX-License-Identifier: MIT
#include "collectors/memory.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vitalsd
