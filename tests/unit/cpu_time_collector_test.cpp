// SPDX-License-Identifier: MIT
#include "collectors/cpu_time.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_collector;
using test::TempDir;

constexpr const char* kStat =
    "cpu  400 8 200 10000 60 4 2 1 30 0\n"
    "cpu0 300 8 100 5000 50 4 2 1 30 0\n"
    "cpu2 100 0 100 5000 10 0 0 0 0 0\n"
    "intr 12 0 0\nctxt 1234\n";

std::vector<double> values(const std::vector<RawSample>& out) {
    std::vector<double> a;
    for (const auto& sample : out) {
        a.push_back(sample.a);
    }
    return a;
}

TEST(ParseCpuSeconds, GivesEveryModeOfEachCpuInSeconds) {
    std::vector<RawSample> out(3 * kCpuModes.size());
    EXPECT_FALSE(parse_cpu_seconds(kStat, {0, 2}, 100, out));
    EXPECT_EQ(values(out), (std::vector<double>{4, 0.08, 2, 100, 0.6, 0.04, 0.02, 0.01,  // all
                                                3, 0.08, 1, 50,  0.5, 0.04, 0.02, 0.01,  // cpu0
                                                1, 0,    1, 50,  0.1, 0,    0,    0}));  // cpu2
}

TEST(ParseCpuSeconds, SaysWhenACpuIsNotListedAndLeavesWhatIsMissingMissing) {
    std::vector<RawSample> out(2 * kCpuModes.size());
    EXPECT_TRUE(parse_cpu_seconds(kStat, {2}, 100, out)) << "cpu0 is not listed";
    EXPECT_EQ(out[kCpuModes.size()].a, 1.0) << "cpu2's user time";

    // A line cut before idle is no reading; one cut after it has zeroes for the rest.
    EXPECT_FALSE(parse_cpu_seconds("cpu 1 2 3\ncpu2 100 0 0 100\n", {2}, 100, out));
    EXPECT_TRUE(std::isnan(out[0].a));
    EXPECT_EQ(out[kCpuModes.size()].a, 1.0);
    EXPECT_EQ(out[kCpuModes.size() + 4].a, 0.0) << "iowait of a kernel that had none";
}

TEST(ParseCpuSeconds, FillsNothingForAnOutputOfTheWrongSizeOrGarbage) {
    std::vector<RawSample> out(5);
    EXPECT_FALSE(parse_cpu_seconds(kStat, {0, 2}, 100, out));
    for (const auto& sample : out) {
        EXPECT_FALSE(sample.present());
    }
    out.assign(kCpuModes.size(), RawSample{});
    EXPECT_FALSE(parse_cpu_seconds("garbage\n\x01\x02", {}, 100, out));
    EXPECT_FALSE(parse_cpu_seconds(kStat, {}, 0, out)) << "no unit, no reading";
    for (const auto& sample : out) {
        EXPECT_FALSE(sample.present());
    }
}

TEST(TheCpuTimeCollectorOnTheBasicFixture, GivesTheKernelsCountersInSeconds) {
    CpuTimeCollector collector(test::basic_proc_root());
    const auto& sensors = collector.sensors();
    ASSERT_EQ(sensors.size(), 3 * kCpuModes.size()) << "all, cpu0 and cpu1";
    EXPECT_EQ(sensors[0].id, "cpu/all/seconds/user");
    EXPECT_EQ(sensors[7].id, "cpu/all/seconds/steal");
    EXPECT_EQ(sensors[8 + 3].id, "cpu/cpu0/seconds/idle");
    EXPECT_EQ(sensors[16 + 4].id, "cpu/cpu1/seconds/iowait");
    for (const auto& sensor : sensors) {
        EXPECT_EQ(sensor.kind, SensorKind::Gauge) << sensor.id;
        EXPECT_EQ(sensor.unit, "s") << sensor.id;
        EXPECT_FALSE(sensor.label.empty()) << sensor.id;
        EXPECT_FALSE(sensor.description.empty()) << sensor.id;
    }

    // The fixture's own line, parsed here: "cpu1 <user> <nice> <system> <idle> ..."
    const auto stat = test::read_text(test::basic_proc_root() + "/stat");
    const auto line = stat.substr(stat.find("cpu1 "));
    double user = 0;
    double nice = 0;
    double system = 0;
    double idle = 0;
    ASSERT_EQ(std::sscanf(line.c_str(), "cpu1 %lf %lf %lf %lf", &user, &nice, &system, &idle), 4);
    const auto hz = static_cast<double>(sysconf(_SC_CLK_TCK));
    const auto reading = read_collector(collector);
    EXPECT_DOUBLE_EQ(reading["cpu/cpu1/seconds/user"].a, user / hz);
    EXPECT_DOUBLE_EQ(reading["cpu/cpu1/seconds/idle"].a, idle / hz);
    EXPECT_TRUE(test::reads_steadily(collector));
}

TEST(TheCpuTimeCollector, GivesACpuThatComesOnlineItsSensors) {
    TempDir dir;
    dir.write("stat", "cpu 1 0 1 10 0\ncpu0 1 0 1 10 0\n");
    CpuTimeCollector collector(dir.path());
    EXPECT_EQ(collector.sensors().size(), 2 * kCpuModes.size());

    dir.write("stat", "cpu 2 0 2 20 0\ncpu0 1 0 1 10 0\ncpu1 1 0 1 10 0\n");
    std::vector<RawSample> out;
    EXPECT_TRUE(collector.read(out));
    ASSERT_EQ(collector.sensors().size(), 3 * kCpuModes.size());
    EXPECT_EQ(collector.sensors()[16].id, "cpu/cpu1/seconds/user");
    EXPECT_TRUE(out[16].present());
    EXPECT_TRUE(test::reads_steadily(collector));
}

}  // namespace
}  // namespace vitalsd
