// SPDX-License-Identifier: MIT
#include "collectors/cpu_frequency.hpp"

#include <gtest/gtest.h>

#include "collector_reading.hpp"
#include "fake_clock.hpp"
#include "fixture_path.hpp"
#include "sensor_pattern.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_collector;
using test::sensor_ids;
using test::TempDir;

// Returns a fixture CPU's scaling_cur_freq in MHz, read here from the kHz in its file.
double fixture_mhz(const std::string& fixture, int cpu) {
    return test::read_number(test::fixture_path(fixture + "/sys/devices/system/cpu/cpu" +
                                                std::to_string(cpu) +
                                                "/cpufreq/scaling_cur_freq")) /
           1000.0;
}

TEST(TheCpuFrequencyCollectorOnALaptop, GivesEachCpuItsFrequencyInMhz) {
    test::FakeClock clock;
    CpuFrequencyCollector collector(test::fixture_path("laptop-intel/sys"), clock);
    ASSERT_EQ(collector.sensors().size(), 8u) << "cpufreq and cpuidle are no CPUs";
    const auto reading = read_collector(collector);
    for (int cpu = 0; cpu < 8; ++cpu) {
        const auto id = "cpu/cpu" + std::to_string(cpu) + "/frequency";
        EXPECT_EQ(reading.sensors[static_cast<std::size_t>(cpu)].id, id);
        EXPECT_EQ(reading[id].a, fixture_mhz("laptop-intel", cpu)) << id;
    }
    EXPECT_EQ(reading.sensors[0].unit, "MHz");
    EXPECT_EQ(reading.sensors[0].label, "CPU 0 frequency");
}

TEST(TheCpuFrequencyCollectorOnADesktop, OrdersCpusByNumber) {
    test::FakeClock clock;
    CpuFrequencyCollector collector(test::fixture_path("desktop-amd/sys"), clock);
    const auto ids = sensor_ids(collector);
    ASSERT_EQ(ids.size(), 24u);
    EXPECT_EQ(ids[2], "cpu/cpu2/frequency");
    EXPECT_EQ(ids[10], "cpu/cpu10/frequency");
    EXPECT_EQ(read_collector(collector)["cpu/cpu17/frequency"].a, fixture_mhz("desktop-amd", 17));
}

TEST(TheCpuFrequencyCollectorOnAnArmLaptop, ReadsCpusThatShareAPolicy) {
    test::FakeClock clock;
    CpuFrequencyCollector collector(test::fixture_path("arm-charge/sys"), clock);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["cpu/cpu3/frequency"].a, fixture_mhz("arm-charge", 0));
    EXPECT_EQ(reading["cpu/cpu5/frequency"].a, fixture_mhz("arm-charge", 4));
}

class TheCpuFrequencyCollector : public ::testing::Test {
protected:
    void frequency(int cpu, const std::string& khz) const {
        dir.write("devices/system/cpu/cpu" + std::to_string(cpu) + "/cpufreq/scaling_cur_freq",
                  khz);
    }

    TempDir dir;
    test::FakeClock clock;
};

TEST_F(TheCpuFrequencyCollector, ReadsTheFilesAtMostOnceASecond) {
    frequency(0, "1000000\n");
    CpuFrequencyCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["cpu/cpu0/frequency"].a, 1000.0);

    frequency(0, "2000000\n");
    clock.advance_ms(940);
    EXPECT_EQ(read_collector(collector)["cpu/cpu0/frequency"].a, 1000.0) << "from the cache";
    clock.advance_ms(10);  // a tick a little early for the second is let through
    EXPECT_EQ(read_collector(collector)["cpu/cpu0/frequency"].a, 2000.0);

    frequency(0, "3000000\n");
    clock.advance_ms(500);
    EXPECT_EQ(read_collector(collector)["cpu/cpu0/frequency"].a, 2000.0)
        << "a second from the last read of the files, not from the first";
}

TEST_F(TheCpuFrequencyCollector, LeavesOutCpusWithoutCpufreq) {
    frequency(0, "1000000\n");
    dir.write("devices/system/cpu/cpu1/online", "1\n");
    frequency(2, "1200000\n");
    CpuFrequencyCollector collector(dir.path(), clock);
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"cpu/cpu0/frequency", "cpu/cpu2/frequency"}));
}

TEST_F(TheCpuFrequencyCollector, GivesACpuThatGetsCpufreqLaterItsSensorAtTheNextReadOfTheFiles) {
    frequency(0, "1000000\n");
    dir.write("devices/system/cpu/cpu1/online", "0\n");
    CpuFrequencyCollector collector(dir.path(), clock);
    bool changed = true;
    test::read_changing_collector(collector, changed);
    EXPECT_FALSE(changed);

    frequency(1, "2400000\n");  // cpu1 came online
    clock.advance_ms(500);
    test::read_changing_collector(collector, changed);
    EXPECT_FALSE(changed) << "within the second of the cache";
    clock.advance_ms(500);
    const auto reading = test::read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"cpu/cpu0/frequency", "cpu/cpu1/frequency"}));
    EXPECT_EQ(reading["cpu/cpu1/frequency"].a, 2400.0);
    EXPECT_EQ(reading["cpu/cpu0/frequency"].a, 1000.0);
    // So that a subscriber's cpu/*/frequency has the collector read while it had none to give.
    ASSERT_EQ(collector.later_sensor_patterns().size(), 1u);
    EXPECT_TRUE(SensorPattern(collector.later_sensor_patterns()[0]).matches("cpu/cpu1/frequency"));
}

TEST_F(TheCpuFrequencyCollector, LeavesGarbageAndTruncatedValuesMissing) {
    frequency(0, "12ab\n");
    frequency(1, "");
    frequency(2, "-1000\n");
    CpuFrequencyCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        EXPECT_FALSE(reading.samples[i].present()) << reading.sensors[i].id;
    }
}

TEST_F(TheCpuFrequencyCollector, HasNoSensorsWithoutCpufreq) {
    CpuFrequencyCollector collector(dir.path(), clock);
    EXPECT_TRUE(collector.sensors().empty());
    EXPECT_TRUE(read_collector(collector).samples.empty());
}

}  // namespace
}  // namespace vitalsd
