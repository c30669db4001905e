// SPDX-License-Identifier: MIT
#include "collectors/pressure.hpp"

#include <gtest/gtest.h>

#include "collector_reading.hpp"
#include "fake_clock.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_collector;
using test::sensor_ids;
using test::TempDir;

TEST(ParsePressure, ReadsTheTotalsOfTheSomeAndFullLines) {
    const auto totals = parse_pressure(
        "some avg10=2.44 avg60=0.85 avg300=0.24 total=34253546\n"
        "full avg10=0.00 avg60=0.12 avg300=0.03 total=1170023\n");
    EXPECT_EQ(totals.some, 34253546.0);
    EXPECT_EQ(totals.full, 1170023.0);
}

TEST(ParsePressure, GivesAMissingFullWithoutAFullLine) {
    const auto totals = parse_pressure("some avg10=1.21 avg60=0.87 avg300=0.35 total=48213377\n");
    EXPECT_EQ(totals.some, 48213377.0);
    EXPECT_TRUE(std::isnan(totals.full));
}

TEST(ParsePressure, ReadsALastLineWithoutATrailingNewline) {
    const auto totals = parse_pressure("some total=5\nfull avg10=0.00 total=7");
    EXPECT_EQ(totals.some, 5.0);
    EXPECT_EQ(totals.full, 7.0);
}

TEST(ParsePressure, GivesMissingTotalsForGarbage) {
    for (const char* text : {"", "\n\n", "garbage in here\n", "some full total\n",
                             "some avg10=2.44 total=12x\nfull total=abc\n",
                             "some total=-5\nfull total=+5\n", "Some total=5\nfull: total=5\n"}) {
        const auto totals = parse_pressure(text);
        EXPECT_TRUE(std::isnan(totals.some)) << text;
        EXPECT_TRUE(std::isnan(totals.full)) << text;
    }
}

TEST(ParsePressure, GivesAMissingTotalForATruncatedLine) {
    const auto cut_before_total =
        parse_pressure("some avg10=2.44 avg60=0.85 avg300=0.24 total=34253546\nfull avg10=0.0");
    EXPECT_EQ(cut_before_total.some, 34253546.0);
    EXPECT_TRUE(std::isnan(cut_before_total.full));
    EXPECT_TRUE(std::isnan(parse_pressure("some avg10=2.44 avg60=0.85 total=").some));
}

TEST(ParsePressure, ReadsTheLargestCounterAndRefusesOneBeyondIt) {
    EXPECT_EQ(parse_pressure("some total=18446744073709551615\n").some, 18446744073709551615.0);
    EXPECT_TRUE(std::isnan(parse_pressure("some total=18446744073709551616\n").some));
    EXPECT_TRUE(std::isnan(parse_pressure("some total=99999999999999999999999999999\n").some));
}

TEST(ParsePressure, KeepsTheFirstOfTwoLinesOfAKind) {
    EXPECT_EQ(parse_pressure("some total=1\nsome total=2\n").some, 1.0);
}

TEST(ThePressureCollectorOnTheBasicFixture, ProvidesSomeAndFullSharesAndTotalsOfEachResource) {
    test::FakeClock clock;
    PressureCollector collector(test::basic_proc_root(), clock);
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{
                  "pressure/cpu/some", "pressure/cpu/full", "pressure/cpu/totalSome",
                  "pressure/cpu/totalFull", "pressure/memory/some", "pressure/memory/full",
                  "pressure/memory/totalSome", "pressure/memory/totalFull", "pressure/io/some",
                  "pressure/io/full", "pressure/io/totalSome", "pressure/io/totalFull"}));
    for (const auto& sensor : collector.sensors()) {
        const bool total = sensor.id.find("/total") != std::string::npos;
        EXPECT_EQ(sensor.kind, total ? SensorKind::Gauge : SensorKind::Share) << sensor.id;
        EXPECT_EQ(sensor.unit, total ? "s" : "%") << sensor.id;
    }
    EXPECT_EQ(collector.sensors()[0].label, "CPU pressure (some)");
    EXPECT_EQ(collector.sensors()[0].description,
              "Share of time in which at least one task was stalled waiting for CPU");
    EXPECT_EQ(collector.sensors()[9].label, "I/O pressure (full)");
    EXPECT_EQ(collector.sensors()[9].description,
              "Share of time in which all non-idle tasks were stalled waiting for I/O at once");
    EXPECT_EQ(
        collector.sensors()[11].description,
        "Seconds since boot in which all non-idle tasks were stalled waiting for I/O at once");
}

TEST(ThePressureCollectorOnTheBasicFixture, ReadsEachStallCounterWithTheMonotonicClock) {
    test::FakeClock clock;
    PressureCollector collector(test::basic_proc_root(), clock);
    const auto cpu = parse_pressure(test::read_text(test::basic_proc_root() + "/pressure/cpu"));
    const auto io = parse_pressure(test::read_text(test::basic_proc_root() + "/pressure/io"));
    ASSERT_FALSE(std::isnan(cpu.some));

    const auto reading = read_collector(collector);
    const auto now = static_cast<double>(clock.monotonic_usec());
    EXPECT_EQ(reading["pressure/cpu/some"].a, cpu.some);
    EXPECT_EQ(reading["pressure/cpu/some"].b, now);
    EXPECT_EQ(reading["pressure/io/full"].a, io.full);
    EXPECT_EQ(reading["pressure/io/full"].b, now);
    EXPECT_TRUE(test::reads_steadily(collector));
}

TEST(ThePressureCollectorOnAKernelBefore5_13, HasNoFullSensorForCpu) {
    test::FakeClock clock;
    PressureCollector collector(test::fixture_path("arm-charge/proc"), clock);
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"pressure/cpu/some", "pressure/cpu/totalSome",
                                        "pressure/memory/some", "pressure/memory/full",
                                        "pressure/memory/totalSome", "pressure/memory/totalFull",
                                        "pressure/io/some", "pressure/io/full",
                                        "pressure/io/totalSome", "pressure/io/totalFull"}));
    EXPECT_EQ(read_collector(collector)["pressure/cpu/some"].a, 48213377.0);
}

TEST(ThePressureCollectorWithoutPressureStallInformation, HasNoSensors) {
    test::FakeClock clock;
    for (const char* fixture : {"vm", "laptop-intel"}) {
        PressureCollector collector(test::fixture_path(std::string(fixture) + "/proc"), clock);
        EXPECT_TRUE(collector.sensors().empty()) << fixture;
        EXPECT_TRUE(read_collector(collector).samples.empty()) << fixture;
    }
}

class ThePressureCollector : public ::testing::Test {
protected:
    TempDir dir;
    test::FakeClock clock;
};

TEST_F(ThePressureCollector, GivesTheShareOfWallTimeStalledOverTwoReads) {
    dir.write("pressure/memory", "some avg10=0.00 total=1000000\nfull avg10=0.00 total=400000\n");
    PressureCollector collector(dir.path(), clock);
    const auto before = read_collector(collector);

    clock.advance_ms(2000);
    // Stalled 0.5 s of the 2 s with some task waiting, 0.2 s with all.
    dir.write("pressure/memory", "some avg10=25.00 total=1500000\nfull avg10=10.00 total=600000\n");
    const auto after = read_collector(collector);

    const auto share = [&](std::string_view id) {
        return derive_value(SensorKind::Share, before[id], after[id], 2.0);
    };
    EXPECT_DOUBLE_EQ(share("pressure/memory/some"), 25.0);
    EXPECT_DOUBLE_EQ(share("pressure/memory/full"), 10.0);
}

TEST_F(ThePressureCollector, NeverGivesMoreThanAllOfTheTimeNorLessThanNone) {
    dir.write("pressure/io", "some total=1000000\nfull total=1000000\n");
    PressureCollector collector(dir.path(), clock);
    const auto before = read_collector(collector);

    clock.advance_ms(1000);
    dir.write("pressure/io", "some total=9000000\nfull total=0\n");  // a garbled and a reset
    const auto after = read_collector(collector);

    EXPECT_EQ(
        derive_value(SensorKind::Share, before["pressure/io/some"], after["pressure/io/some"], 1.0),
        100.0);
    EXPECT_EQ(
        derive_value(SensorKind::Share, before["pressure/io/full"], after["pressure/io/full"], 1.0),
        0.0);
}

TEST_F(ThePressureCollector, HasSensorsOnlyForTheFilesReadableWhenMade) {
    dir.write("pressure/cpu", "some avg10=0.00 avg60=0.00 avg300=0.00 total=12\n");
    dir.write("pressure/memory", "");  // as good as a read failing with EOPNOTSUPP under psi=0
    PressureCollector collector(dir.path(), clock);

    dir.write("pressure/memory", "some total=1\nfull total=1\n");
    dir.write("pressure/io", "some total=1\nfull total=1\n");
    const std::vector<std::string> cpu_some = {"pressure/cpu/some", "pressure/cpu/totalSome"};
    EXPECT_EQ(sensor_ids(collector), cpu_some);
    EXPECT_TRUE(test::reads_steadily(collector)) << "no sensor comes later";
    EXPECT_EQ(sensor_ids(collector), cpu_some);
}

TEST_F(ThePressureCollector, GivesTheStallCountersInSeconds) {
    dir.write("pressure/io", "some avg10=1.00 total=1500000\nfull avg10=0.50 total=250000\n");
    PressureCollector collector(dir.path(), clock);

    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["pressure/io/totalSome"].a, 1.5);
    EXPECT_EQ(reading["pressure/io/totalFull"].a, 0.25);
}

TEST_F(ThePressureCollector, GivesMissingValuesWithoutThrowingWhenAFileGoesBad) {
    dir.write("pressure/cpu", "some total=12\nfull total=3\n");
    PressureCollector collector(dir.path(), clock);

    dir.write("pressure/cpu", "some total=1");
    test::CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    EXPECT_EQ(reading["pressure/cpu/some"].a, 1.0);
    EXPECT_FALSE(reading["pressure/cpu/full"].present());
    EXPECT_TRUE(std::isnan(reading["pressure/cpu/full"].b));

    dir.write("pressure/cpu", "garbage\n");
    reading = read_collector(collector);
    EXPECT_FALSE(reading["pressure/cpu/some"].present());
    EXPECT_FALSE(reading["pressure/cpu/full"].present());
}

}  // namespace
}  // namespace vitalsd
