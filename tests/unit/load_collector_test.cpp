// SPDX-License-Identifier: MIT
#include "collectors/load.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_collector;
using test::TempDir;

TEST(TheLoadCollectorOnTheBasicFixture, ProvidesThreeGauges) {
    LoadCollector collector(test::basic_proc_root());
    const auto sensors = collector.sensors();
    ASSERT_EQ(sensors.size(), 3u);
    EXPECT_EQ(sensors[0].id, "load/1");
    EXPECT_EQ(sensors[1].id, "load/5");
    EXPECT_EQ(sensors[2].id, "load/15");
    for (const auto& sensor : sensors) {
        EXPECT_EQ(sensor.kind, SensorKind::Gauge) << sensor.id;
    }
}

TEST(TheLoadCollectorOnTheBasicFixture, ReadsItsThreeAverages) {
    std::istringstream fixture(test::read_text(test::basic_proc_root() + "/loadavg"));
    double one = -1, five = -1, fifteen = -1;
    ASSERT_TRUE(fixture >> one >> five >> fifteen);

    LoadCollector collector(test::basic_proc_root());
    const auto reading = read_collector(collector);
    EXPECT_DOUBLE_EQ(reading["load/1"].a, one);
    EXPECT_DOUBLE_EQ(reading["load/5"].a, five);
    EXPECT_DOUBLE_EQ(reading["load/15"].a, fifteen);
}

class TheLoadCollector : public ::testing::Test {
protected:
    TempDir dir;
};

TEST_F(TheLoadCollector, ReadsThreeNumbersAndIgnoresTheRest) {
    dir.write("loadavg", "1.50 12.25 100.00 3/120 4567\n");
    LoadCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["load/1"].a, 1.5);
    EXPECT_EQ(reading["load/5"].a, 12.25);
    EXPECT_EQ(reading["load/15"].a, 100.0);
}

TEST_F(TheLoadCollector, ReadsALineWithoutATrailingNewline) {
    dir.write("loadavg", "0.25 0.50 0.75");
    LoadCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["load/15"].a, 0.75);
}

TEST_F(TheLoadCollector, GivesMissingValuesForGarbage) {
    dir.write("loadavg", "garbage in here\n");
    LoadCollector collector(dir.path());
    const auto reading = read_collector(collector);
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        EXPECT_FALSE(reading.samples[i].present()) << reading.sensors[i].id;
    }
}

TEST_F(TheLoadCollector, GivesMissingValuesForAnEmptyFile) {
    dir.write("loadavg", "");
    LoadCollector collector(dir.path());
    const auto reading = read_collector(collector);
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        EXPECT_FALSE(reading.samples[i].present()) << reading.sensors[i].id;
    }
}

TEST_F(TheLoadCollector, KeepsTheNumbersBeforeAFieldThatIsNotOne) {
    dir.write("loadavg", "0.5 0.4x 0.3\n");
    LoadCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["load/1"].a, 0.5);
    EXPECT_FALSE(reading["load/5"].present());
}

TEST_F(TheLoadCollector, GivesMissingValuesForATruncatedLine) {
    dir.write("loadavg", "0.5 0.4");
    LoadCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["load/5"].a, 0.4);
    EXPECT_FALSE(reading["load/15"].present());
}

TEST_F(TheLoadCollector, GivesAllMissingSamplesWithoutThrowingWhenTheFileIsMissing) {
    LoadCollector collector(dir.path());
    test::CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    ASSERT_EQ(reading.samples.size(), 3u);
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        EXPECT_FALSE(reading.samples[i].present()) << reading.sensors[i].id;
    }
}

TEST_F(TheLoadCollector, SeesTheFileChangeBetweenReads) {
    dir.write("loadavg", "1.00 1.00 1.00 1/1 1\n");
    LoadCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["load/1"].a, 1.0);
    dir.write("loadavg", "2.00 1.00 1.00 1/1 1\n");
    EXPECT_EQ(read_collector(collector)["load/1"].a, 2.0);
}

}  // namespace
}  // namespace vitalsd
