// SPDX-License-Identifier: MIT
#include "collectors/temperature.hpp"

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

// Returns a fixture's tempN_input in °C, read here from the millidegrees in the file.
double celsius(const std::string& fixture, const std::string& hwmon, int n) {
    return test::read_number(test::fixture_path(fixture + "/sys/class/hwmon/" + hwmon + "/temp" +
                                                std::to_string(n) + "_input")) /
           1000.0;
}

TEST(CpuRankOfASensor, IsPackageForThePackageSensorsOfEachKind) {
    EXPECT_EQ(cpu_rank("coretemp", "Package id 0"), CpuRank::Package);
    EXPECT_EQ(cpu_rank("coretemp", "Package id 1"), CpuRank::Package);
    EXPECT_EQ(cpu_rank("k10temp", "Tdie"), CpuRank::Package);
    EXPECT_EQ(cpu_rank("zenpower", "Tdie"), CpuRank::Package);
    EXPECT_EQ(cpu_rank("cpu_thermal", ""), CpuRank::Package);
    EXPECT_EQ(cpu_rank("cpu0_thermal", ""), CpuRank::Package);
}

TEST(CpuRankOfASensor, IsControlForTctlAndCoreForOtherCpuSensors) {
    EXPECT_EQ(cpu_rank("k10temp", "Tctl"), CpuRank::Control);
    EXPECT_EQ(cpu_rank("k10temp", "Tccd1"), CpuRank::Core);
    EXPECT_EQ(cpu_rank("k10temp", ""), CpuRank::Core);
    EXPECT_EQ(cpu_rank("coretemp", "Core 3"), CpuRank::Core);
}

TEST(CpuRankOfASensor, IsNoneForOtherChips) {
    for (const char* chip : {"acpitz", "nvme", "amdgpu", "gpu_thermal", "iwlwifi_1", "nct6798"}) {
        EXPECT_EQ(cpu_rank(chip, "Package id 0"), CpuRank::None) << chip;
    }
}

class TheTemperatureCollectorOnALaptop : public ::testing::Test {
protected:
    test::FakeClock clock;
    TemperatureCollector collector{test::fixture_path("laptop-intel/sys"), clock};
};

TEST_F(TheTemperatureCollectorOnALaptop, NamesSensorsByChipAndLabelElseTempN) {
    EXPECT_EQ(sensor_ids(collector), (std::vector<std::string>{
                                         "temperature/nvme/Composite",
                                         "temperature/nvme/Sensor%201",
                                         "temperature/nvme/Sensor%202",
                                         "temperature/coretemp/Package%20id%200",
                                         "temperature/coretemp/Core%200",
                                         "temperature/coretemp/Core%201",
                                         "temperature/coretemp/Core%202",
                                         "temperature/coretemp/Core%203",
                                         "temperature/thinkpad/temp1",
                                         "temperature/thinkpad/temp3",
                                         "temperature/thinkpad/temp4",
                                         "temperature/thinkpad/temp5",
                                         "temperature/thinkpad/temp6",
                                         "temperature/thinkpad/temp7",
                                         "temperature/thinkpad/temp8",
                                         "temperature/acpitz/temp1",
                                         "temperature/iwlwifi_1/temp1",
                                         "cpu/all/temperature",
                                     }))
        << "chips in the order of their devices' paths; BAT0's chip has no temperature, the "
           "thinkpad chip no temp2 (it answers ENXIO)";
}

TEST_F(TheTemperatureCollectorOnALaptop, ReadsMillidegreesAsDegrees) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["temperature/acpitz/temp1"].a, celsius("laptop-intel", "hwmon0", 1));
    EXPECT_EQ(reading["temperature/nvme/Composite"].a, celsius("laptop-intel", "hwmon2", 1));
    EXPECT_EQ(reading["temperature/nvme/Sensor%202"].a, celsius("laptop-intel", "hwmon2", 3));
    EXPECT_EQ(reading["temperature/coretemp/Core%203"].a, celsius("laptop-intel", "hwmon3", 5));
    EXPECT_EQ(reading["temperature/iwlwifi_1/temp1"].a, celsius("laptop-intel", "hwmon4", 1));
    EXPECT_EQ(reading["temperature/thinkpad/temp1"].a, celsius("laptop-intel", "hwmon5", 1));
    EXPECT_EQ(reading["temperature/thinkpad/temp8"].a, 0.0) << "what the embedded controller says";
}

TEST_F(TheTemperatureCollectorOnALaptop, TakesTheCpuTemperatureFromThePackageNotTheHottestCore) {
    const auto reading = read_collector(collector);
    const double package = celsius("laptop-intel", "hwmon3", 1);
    ASSERT_GT(reading["temperature/coretemp/Core%203"].a, package) << "as the fixture has it";
    EXPECT_EQ(reading["cpu/all/temperature"].a, package);
}

TEST_F(TheTemperatureCollectorOnALaptop, GivesEverySensorAUnitLabelAndDescription) {
    for (const auto& sensor : collector.sensors()) {
        EXPECT_EQ(sensor.unit, "°C") << sensor.id;
        EXPECT_EQ(sensor.kind, SensorKind::Gauge) << sensor.id;
        EXPECT_FALSE(sensor.description.empty()) << sensor.id;
    }
    EXPECT_EQ(collector.sensors()[3].label, "coretemp Package id 0");
    EXPECT_EQ(collector.sensors()[15].label, "acpitz temp1");
}

class TheTemperatureCollectorOnADesktop : public ::testing::Test {
protected:
    test::FakeClock clock;
    TemperatureCollector collector{test::fixture_path("desktop-amd/sys"), clock};
};

TEST_F(TheTemperatureCollectorOnADesktop, NumbersTheSecondNvmeChipInTheOrderOfTheirDevices) {
    const auto reading = read_collector(collector);
    // hwmon3 sits at PCI 0000:01:00.0, before hwmon2 at 0000:04:00.0.
    EXPECT_EQ(reading["temperature/nvme/Composite"].a, celsius("desktop-amd", "hwmon3", 1));
    EXPECT_EQ(reading["temperature/nvme_1/Composite"].a, celsius("desktop-amd", "hwmon2", 1));
    EXPECT_EQ(reading["temperature/nvme_1/Sensor%202"].a, celsius("desktop-amd", "hwmon2", 3));
    EXPECT_THROW(reading["temperature/nvme/Sensor%202"], std::out_of_range);
    EXPECT_EQ(reading.sensors[0].id, "temperature/nvme/Composite");
}

TEST_F(TheTemperatureCollectorOnADesktop, TakesTheCpuTemperatureFromTctlWithoutTdie) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["temperature/k10temp/Tctl"].a, celsius("desktop-amd", "hwmon0", 1));
    EXPECT_EQ(reading["cpu/all/temperature"].a, celsius("desktop-amd", "hwmon0", 1));
}

TEST_F(TheTemperatureCollectorOnADesktop, ReportsWhatTheChipSaysEvenWhenItIsImplausible) {
    EXPECT_EQ(read_collector(collector)["temperature/nct6798/AUXTIN0"].a, 127.0);
}

TEST(TheTemperatureCollectorOnAnArmLaptop, TakesTheCpuTemperatureFromTheCpuThermalZone) {
    test::FakeClock clock;
    TemperatureCollector collector(test::fixture_path("arm-charge/sys"), clock);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["temperature/cpu_thermal/temp1"].a, celsius("arm-charge", "hwmon0", 1));
    EXPECT_EQ(reading["temperature/gpu_thermal/temp1"].a, celsius("arm-charge", "hwmon1", 1));
    EXPECT_EQ(reading["cpu/all/temperature"].a, celsius("arm-charge", "hwmon0", 1));
}

class TheTemperatureCollector : public test::HwmonTreeTest {
protected:
    void temp(const std::string& hwmon, int n, const std::string& millidegrees,
              const std::string& label = "") const {
        channel(hwmon, "temp", n, millidegrees, label);
    }
};

TEST_F(TheTemperatureCollector, TakesTheHottestCoreWithoutAPackageSensor) {
    chip("hwmon0", "coretemp");
    temp("hwmon0", 2, "40000\n", "Core 0");
    temp("hwmon0", 3, "47500\n", "Core 1");
    temp("hwmon0", 4, "45000\n", "Core 2");
    chip("hwmon1", "acpitz");
    temp("hwmon1", 1, "90000\n");
    TemperatureCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["cpu/all/temperature"].a, 47.5);
}

TEST_F(TheTemperatureCollector, TakesTheHottestOfSeveralPackages) {
    chip("hwmon0", "coretemp");
    temp("hwmon0", 1, "50000\n", "Package id 0");
    temp("hwmon0", 2, "70000\n", "Core 0");
    chip("hwmon1", "coretemp");
    temp("hwmon1", 1, "55000\n", "Package id 1");
    TemperatureCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["temperature/coretemp_1/Package%20id%201"].a, 55.0);
    EXPECT_EQ(reading["cpu/all/temperature"].a, 55.0);
}

TEST_F(TheTemperatureCollector, PrefersTdieToTctl) {
    chip("hwmon0", "k10temp");
    temp("hwmon0", 1, "75000\n", "Tctl");
    temp("hwmon0", 2, "48000\n", "Tdie");
    TemperatureCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["cpu/all/temperature"].a, 48.0);
}

TEST_F(TheTemperatureCollector, HasNoCpuTemperatureWhenNoCpuSensorIsKnown) {
    chip("hwmon0", "acpitz");
    temp("hwmon0", 1, "48000\n");
    chip("hwmon1", "nvme");
    temp("hwmon1", 1, "38000\n", "Composite");
    TemperatureCollector collector(dir.path(), clock);
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"temperature/acpitz/temp1", "temperature/nvme/Composite"}));
}

TEST_F(TheTemperatureCollector, LeavesTheCpuTemperatureMissingWhenThePackageCannotBeRead) {
    chip("hwmon0", "coretemp");
    temp("hwmon0", 1, "garbage\n", "Package id 0");
    temp("hwmon0", 2, "40000\n", "Core 0");
    TemperatureCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    EXPECT_FALSE(reading["cpu/all/temperature"].present()) << "not the core in its place";
    EXPECT_EQ(reading["temperature/coretemp/Core%200"].a, 40.0);
}

TEST_F(TheTemperatureCollector, LeavesGarbageTruncatedAndEmptyValuesMissing) {
    chip("hwmon0", "acpitz");
    temp("hwmon0", 1, "4800x\n");
    temp("hwmon0", 2, "");
    temp("hwmon0", 3, "-");
    temp("hwmon0", 4, std::string(100, '9'));
    temp("hwmon0", 5, "-5000\n");
    TemperatureCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    for (int n = 1; n <= 4; ++n) {
        EXPECT_FALSE(reading["temperature/acpitz/temp" + std::to_string(n)].present()) << n;
    }
    EXPECT_EQ(reading["temperature/acpitz/temp5"].a, -5.0) << "below zero is a temperature";
}

TEST_F(TheTemperatureCollector, OrdersSensorsByNumberAndMakesDuplicateLabelsUnique) {
    chip("hwmon0", "nct6798");
    temp("hwmon0", 10, "10000\n", "AUXTIN1");
    temp("hwmon0", 9, "9000\n", "AUXTIN1");
    temp("hwmon0", 2, "2000\n");
    TemperatureCollector collector(dir.path(), clock);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading.sensors[0].id, "temperature/nct6798/temp2");
    EXPECT_EQ(reading["temperature/nct6798/AUXTIN1"].a, 9.0);
    EXPECT_EQ(reading["temperature/nct6798/AUXTIN1_1"].a, 10.0);
}

TEST_F(TheTemperatureCollector, EscapesOddChipNamesAndLabelsIntoOneSegment) {
    chip("hwmon0", "odd/chip");
    temp("hwmon0", 1, "1000\n", "Zone *1/2\xff");
    TemperatureCollector collector(dir.path(), clock);
    ASSERT_EQ(collector.sensors().size(), 1u);
    EXPECT_EQ(collector.sensors()[0].id, "temperature/odd%2Fchip/Zone%20%2A1%2F2%FF");
    EXPECT_EQ(collector.sensors()[0].label, "odd/chip Zone *1/2\xff")
        << "the label as the chip gives it: the catalogue makes it UTF-8";
}

TEST_F(TheTemperatureCollector, FindsTheAttributesOfAnOldDriverInItsDevice) {
    dir.write("class/hwmon/hwmon0/device/name", "w83627hf\n");
    dir.write("class/hwmon/hwmon0/device/temp1_input", "31000\n");
    TemperatureCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["temperature/w83627hf/temp1"].a, 31.0);
}

TEST_F(TheTemperatureCollector, TakesInAChipAtTheSecondReadThatFindsItAndDropsItAtOnce) {
    chip("hwmon0", "acpitz");
    temp("hwmon0", 1, "48000\n");
    TemperatureCollector collector(dir.path(), clock);
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed);

    chip("hwmon1", "nvme");
    temp("hwmon1", 1, "38000\n", "Composite");
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed) << "the kernel may still be making its files";
    auto reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(reading["temperature/nvme/Composite"].a, 38.0);

    std::filesystem::remove_all(dir.path() + "/class/hwmon/hwmon1");
    reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(sensor_ids(collector), (std::vector<std::string>{"temperature/acpitz/temp1"}));
    EXPECT_EQ(reading.samples.size(), 1u);
}

TEST_F(TheTemperatureCollector, ReadsTheInputsAtMostOnceASecond) {
    chip("hwmon0", "coretemp");
    temp("hwmon0", 1, "48000\n", "Package id 0");
    TemperatureCollector collector(dir.path(), clock);
    EXPECT_EQ(read_collector(collector)["temperature/coretemp/Package%20id%200"].a, 48.0);

    temp("hwmon0", 1, "51000\n", "Package id 0");
    clock.advance_ms(940);
    auto reading = read_collector(collector);
    EXPECT_EQ(reading["temperature/coretemp/Package%20id%200"].a, 48.0) << "from the cache";
    EXPECT_EQ(reading["cpu/all/temperature"].a, 48.0) << "from the cache";
    clock.advance_ms(10);  // a tick a little early for the second is let through
    reading = read_collector(collector);
    EXPECT_EQ(reading["temperature/coretemp/Package%20id%200"].a, 51.0);
    EXPECT_EQ(reading["cpu/all/temperature"].a, 51.0);

    temp("hwmon0", 1, "53000\n", "Package id 0");
    clock.advance_ms(500);
    EXPECT_EQ(read_collector(collector)["temperature/coretemp/Package%20id%200"].a, 51.0)
        << "a second from the last read of the inputs, not from the first";
}

TEST_F(TheTemperatureCollector, ReadsTheInputsOfAChipAtOnceWhenItComes) {
    chip("hwmon0", "acpitz");
    temp("hwmon0", 1, "48000\n");
    TemperatureCollector collector(dir.path(), clock);
    read_collector(collector);

    chip("hwmon1", "nvme");
    temp("hwmon1", 1, "38000\n", "Composite");
    temp("hwmon0", 1, "50000\n");
    bool changed = false;
    read_changing_collector(collector, changed);
    const auto reading = read_changing_collector(collector, changed);
    ASSERT_TRUE(changed);
    EXPECT_EQ(reading["temperature/nvme/Composite"].a, 38.0) << "not missing until the next second";
    EXPECT_EQ(reading["temperature/acpitz/temp1"].a, 50.0);
}

TEST_F(TheTemperatureCollector, HasNoSensorsWithoutHwmon) {
    TemperatureCollector collector(dir.path(), clock);
    EXPECT_TRUE(collector.sensors().empty());
    bool changed = true;
    EXPECT_TRUE(read_changing_collector(collector, changed).samples.empty());
    EXPECT_FALSE(changed);
}

}  // namespace
}  // namespace vitalsd
