// SPDX-License-Identifier: MIT
#include "collectors/fan.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "collector_reading.hpp"
#include "fake_clock.hpp"
#include "fixture_path.hpp"
#include "hwmon_tree.hpp"

namespace vitalsd {
namespace {

using test::read_changing_collector;
using test::read_collector;
using test::sensor_ids;

TEST(TheFanCollectorOnADesktop, NamesTheSuperIoFansByNumberAndServesAStillFanAsZero) {
    test::FakeClock clock;
    FanCollector collector(test::fixture_path("desktop-amd/sys"), clock);
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"fan/nct6798/fan1", "fan/nct6798/fan2", "fan/nct6798/fan3",
                                        "fan/nct6798/fan4", "fan/nct6798/fan5"}))
        << "no fanN_label on this chip; the other chips have no fans";
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["fan/nct6798/fan1"].a, 687.0);
    EXPECT_EQ(reading["fan/nct6798/fan2"].a, 812.0);
    EXPECT_EQ(reading["fan/nct6798/fan3"].a, 1054.0);
    EXPECT_EQ(reading["fan/nct6798/fan4"].a, 0.0) << "a still fan is 0, not missing";
    EXPECT_EQ(reading["fan/nct6798/fan5"].a, 598.0);
}

TEST(TheFanCollectorOnALaptop, ReadsTheThinkpadFan) {
    test::FakeClock clock;
    FanCollector collector(test::fixture_path("laptop-intel/sys"), clock);
    EXPECT_EQ(sensor_ids(collector), (std::vector<std::string>{"fan/thinkpad/fan1"}));
    EXPECT_EQ(read_collector(collector)["fan/thinkpad/fan1"].a, 2421.0);
    const auto& sensor = collector.sensors()[0];
    EXPECT_EQ(sensor.unit, "RPM");
    EXPECT_EQ(sensor.kind, SensorKind::Gauge);
    EXPECT_EQ(sensor.label, "thinkpad fan1");
    EXPECT_EQ(sensor.description,
              "Speed of fan fan1 of hwmon chip thinkpad; 0 when it stands still");
}

TEST(TheFanCollectorOnAnArmLaptop, HasNoSensorsWithoutFans) {
    test::FakeClock clock;
    FanCollector collector(test::fixture_path("arm-charge/sys"), clock);
    EXPECT_TRUE(collector.sensors().empty());
}

class TheFanCollector : public test::HwmonTreeTest {
protected:
    void fan(const std::string& hwmon, int n, const std::string& rpm,
             const std::string& label = "") const {
        channel(hwmon, "fan", n, rpm, label);
    }
};

TEST_F(TheFanCollector, NamesFansByLabelAndChipsAsTheTemperaturesAre) {
    chip("hwmon0", "dell_smm");
    fan("hwmon0", 1, "2400\n", "Processor Fan");
    fan("hwmon0", 2, "0\n", "Video Fan");
    chip("hwmon1", "dell_smm");
    fan("hwmon1", 1, "1200\n", "Processor Fan");
    fan("hwmon1", 3, "1300\n", "Processor Fan");
    FanCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["fan/dell_smm/Processor%20Fan"].a, 2400.0);
    EXPECT_EQ(reading["fan/dell_smm/Video%20Fan"].a, 0.0);
    EXPECT_EQ(reading["fan/dell_smm_1/Processor%20Fan"].a, 1200.0);
    EXPECT_EQ(reading["fan/dell_smm_1/Processor%20Fan_1"].a, 1300.0);
    EXPECT_EQ(collector.sensors()[0].label, "dell_smm Processor Fan");
}

// Returns the files of the chip hwmon0 under root that this process holds open.
std::vector<std::string> open_chip_files(const std::string& root) {
    std::vector<std::string> files;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code error;
        const auto target = std::filesystem::read_symlink(fd.path(), error).string();
        if (!error && target.starts_with(root + "/class/hwmon/hwmon0/")) {
            files.push_back(std::filesystem::path(target).filename());
        }
    }
    return files;
}

TEST_F(TheFanCollector, KeepsNoTemperatureFileOpen) {
    chip("hwmon0", "nct6775");
    fan("hwmon0", 1, "900\n");
    dir.write("class/hwmon/hwmon0/temp1_input", "40000\n");
    FanCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["fan/nct6775/fan1"].a, 900.0);
    EXPECT_EQ(open_chip_files(dir.path()), (std::vector<std::string>{"fan1_input"}));
}

TEST_F(TheFanCollector, LeavesGarbageAndEmptyValuesMissing) {
    chip("hwmon0", "it87");
    fan("hwmon0", 1, "12x\n");
    fan("hwmon0", 2, "");
    fan("hwmon0", 3, "1500\n");
    FanCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    EXPECT_FALSE(reading["fan/it87/fan1"].present());
    EXPECT_FALSE(reading["fan/it87/fan2"].present());
    EXPECT_EQ(reading["fan/it87/fan3"].a, 1500.0);
}

TEST_F(TheFanCollector, ReadsTheInputsAtMostOnceASecond) {
    chip("hwmon0", "thinkpad");
    fan("hwmon0", 1, "2400\n");
    FanCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["fan/thinkpad/fan1"].a, 2400.0);

    fan("hwmon0", 1, "0\n");
    clock.advance_ms(940);
    EXPECT_EQ(read_collector(collector)["fan/thinkpad/fan1"].a, 2400.0) << "from the cache";
    clock.advance_ms(10);
    EXPECT_EQ(read_collector(collector)["fan/thinkpad/fan1"].a, 0.0);
}

TEST_F(TheFanCollector, TakesInAChipAtTheSecondReadThatFindsItAndReadsItAtOnce) {
    chip("hwmon0", "thinkpad");
    fan("hwmon0", 1, "2400\n");
    FanCollector collector(dir.path(), clock);
    read_collector(collector);

    chip("hwmon1", "nct6798");
    fan("hwmon1", 2, "812\n");
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed) << "the kernel may still be making its files";
    auto reading = read_changing_collector(collector, changed);
    ASSERT_TRUE(changed);
    EXPECT_EQ(reading["fan/nct6798/fan2"].a, 812.0) << "not missing until the next second";

    std::filesystem::remove_all(dir.path() + "/class/hwmon/hwmon1");
    reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(sensor_ids(collector), (std::vector<std::string>{"fan/thinkpad/fan1"}));
    EXPECT_EQ(reading.samples.size(), 1u);
}

TEST_F(TheFanCollector, HasNoSensorsWithoutHwmon) {
    FanCollector collector(dir.path(), clock);
    bool changed = true;
    EXPECT_TRUE(read_changing_collector(collector, changed).samples.empty());
    EXPECT_FALSE(changed);
}

}  // namespace
}  // namespace vitalsd
