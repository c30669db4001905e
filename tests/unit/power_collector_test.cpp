// SPDX-License-Identifier: MIT
#include "collectors/power.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "hwmon_tree.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_changing_collector;
using test::read_collector;
using test::sensor_ids;
using test::TempDir;

// Returns a number from a fixture's power supply, read here from its file.
double supply_file(const std::string& fixture, const std::string& supply, const std::string& file) {
    return test::read_number(
        test::fixture_path(fixture + "/sys/class/power_supply/" + supply + "/" + file));
}

TEST(ABatteryStatus, IsNamedByTheStatusFile) {
    EXPECT_EQ(parse_battery_status("Charging"), BatteryStatus::Charging);
    EXPECT_EQ(parse_battery_status("Discharging"), BatteryStatus::Discharging);
    EXPECT_EQ(parse_battery_status("Not charging"), BatteryStatus::NotCharging);
    EXPECT_EQ(parse_battery_status("Full"), BatteryStatus::Full);
    EXPECT_EQ(parse_battery_status("Unknown"), BatteryStatus::Unknown);
    EXPECT_EQ(parse_battery_status("charging"), BatteryStatus::Unknown);
    EXPECT_EQ(parse_battery_status(""), BatteryStatus::Unknown);
}

// Returns a battery with a status and the numbers set by each (field, value) pair.
BatteryReading battery(
    BatteryStatus status,
    std::initializer_list<std::pair<std::optional<double> BatteryReading::*, double>> numbers) {
    BatteryReading reading;
    reading.status = status;
    for (const auto& [field, value] : numbers) {
        reading.*field = value;
    }
    return reading;
}

constexpr auto kUnknown = BatteryStatus::Unknown;
constexpr auto kCapacity = &BatteryReading::capacity;
constexpr auto kEnergyNow = &BatteryReading::energy_now;
constexpr auto kEnergyFull = &BatteryReading::energy_full;
constexpr auto kEnergyFullDesign = &BatteryReading::energy_full_design;
constexpr auto kChargeNow = &BatteryReading::charge_now;
constexpr auto kChargeFull = &BatteryReading::charge_full;
constexpr auto kChargeFullDesign = &BatteryReading::charge_full_design;
constexpr auto kDischarging = BatteryStatus::Discharging;
constexpr auto kCharging = BatteryStatus::Charging;
constexpr auto kPowerNow = &BatteryReading::power_now;
constexpr auto kCurrentNow = &BatteryReading::current_now;
constexpr auto kVoltageNow = &BatteryReading::voltage_now;

TEST(TheChargeOfABattery, IsItsCapacityFirst) {
    EXPECT_EQ(
        battery_charge(battery(kUnknown, {{kCapacity, 78}, {kEnergyNow, 1}, {kEnergyFull, 4}})),
        78.0);
}

TEST(TheChargeOfABattery, IsElseEnergyOverFullEnergyElseChargeOverFullCharge) {
    EXPECT_EQ(
        battery_charge(battery(
            kUnknown, {{kEnergyNow, 1}, {kEnergyFull, 4}, {kChargeNow, 1}, {kChargeFull, 2}})),
        25.0);
    EXPECT_EQ(battery_charge(battery(kUnknown, {{kChargeNow, 1}, {kChargeFull, 2}})), 50.0);
}

TEST(TheChargeOfABattery, IsHeldToZeroToOneHundred) {
    EXPECT_EQ(battery_charge(battery(kUnknown, {{kEnergyNow, 5}, {kEnergyFull, 4}})), 100.0);
    EXPECT_EQ(battery_charge(battery(kUnknown, {{kCapacity, -3}})), 0.0);
}

TEST(TheChargeOfABattery, IsMissingWithoutNumbersOrWithAnEmptyFullCharge) {
    EXPECT_TRUE(std::isnan(battery_charge(BatteryReading{})));
    EXPECT_TRUE(std::isnan(battery_charge(battery(kUnknown, {{kEnergyNow, 5}, {kEnergyFull, 0}}))));
    EXPECT_TRUE(std::isnan(battery_charge(battery(kUnknown, {{kEnergyNow, 5}}))));
}

TEST(TheRateOfABattery, IsPowerNowInWattsPositiveWhileDischarging) {
    EXPECT_EQ(battery_rate(battery(BatteryStatus::Discharging, {{kPowerNow, 8'123'000}})), 8.123);
    EXPECT_EQ(battery_rate(battery(BatteryStatus::Discharging, {{kPowerNow, -8'123'000}})), 8.123)
        << "whatever sign the driver gives";
}

TEST(TheRateOfABattery, IsNegativeWhileCharging) {
    EXPECT_EQ(battery_rate(battery(BatteryStatus::Charging, {{kPowerNow, 20'000'000}})), -20.0);
}

TEST(TheRateOfABattery, IsElseCurrentTimesVoltage) {
    EXPECT_DOUBLE_EQ(battery_rate(battery(BatteryStatus::Charging,
                                          {{kCurrentNow, 1'250'000}, {kVoltageNow, 8'400'000}})),
                     -10.5);
}

TEST(TheRateOfABattery, IsZeroWhenFullOrNotCharging) {
    EXPECT_EQ(battery_rate(battery(BatteryStatus::Full, {{kPowerNow, 1'000}})), 0.0);
    EXPECT_EQ(battery_rate(battery(BatteryStatus::NotCharging, {{kPowerNow, 1'000}})), 0.0);
}

TEST(TheRateOfABattery, IsMissingWithoutAPowerOrADirection) {
    EXPECT_TRUE(std::isnan(battery_rate(battery(kUnknown, {{kPowerNow, 1}}))));
    EXPECT_TRUE(std::isnan(battery_rate(battery(BatteryStatus::Discharging, {}))));
    EXPECT_TRUE(std::isnan(battery_rate(battery(BatteryStatus::Discharging, {{kCurrentNow, 5}}))));
}

TEST(TheHealthOfABattery, IsItsFullEnergyOverItsDesignElseTheSameOfCharge) {
    EXPECT_EQ(battery_health(battery(kUnknown, {{kEnergyFull, 45'000'000},
                                                {kEnergyFullDesign, 50'000'000},
                                                {kChargeFull, 1},
                                                {kChargeFullDesign, 4}})),
              90.0);
    EXPECT_EQ(battery_health(
                  battery(kUnknown, {{kChargeFull, 3'000'000}, {kChargeFullDesign, 4'000'000}})),
              75.0);
}

TEST(TheHealthOfABattery, IsHeldToOneHundredAsUpowerHoldsIt) {
    EXPECT_EQ(battery_health(battery(kUnknown, {{kEnergyFull, 52}, {kEnergyFullDesign, 50}})),
              100.0);
}

TEST(TheHealthOfABattery, IsMissingWithoutItsDesignOrWithAnEmptyOne) {
    EXPECT_TRUE(std::isnan(battery_health(battery(kUnknown, {{kEnergyFull, 50}}))));
    EXPECT_TRUE(
        std::isnan(battery_health(battery(kUnknown, {{kEnergyFull, 50}, {kEnergyFullDesign, 0}}))));
    EXPECT_TRUE(std::isnan(battery_health(BatteryReading{})));
}

TEST(TheTimeToEmpty, IsTheEnergyOverThePowerWhileDischarging) {
    EXPECT_EQ(battery_time_to_empty(
                  battery(kDischarging, {{kEnergyNow, 40'000'000}, {kPowerNow, 8'000'000}})),
              18'000.0);
    EXPECT_EQ(battery_time_to_empty(battery(
                  kDischarging,
                  {{kEnergyNow, 10'000'000}, {kCurrentNow, 1'000'000}, {kVoltageNow, 10'000'000}})),
              3'600.0)
        << "10 Wh at 1 A × 10 V";
}

TEST(TheTimeToEmpty, IsTheChargeOverTheCurrentForABatteryThatCountsCharge) {
    EXPECT_EQ(battery_time_to_empty(battery(kDischarging, {{kChargeNow, 2'000'000},
                                                           {kChargeFull, 4'000'000},
                                                           {kCurrentNow, -1'000'000},
                                                           {kVoltageNow, 3'800'000}})),
              7'200.0)
        << "2 Ah at 1 A, whatever the sign of the current";
}

TEST(TheTimeToEmpty, IsMissingUnlessDischargingWithAPowerUpowerWouldBelieve) {
    const auto with = [](BatteryStatus status, double energy, double power) {
        return battery_time_to_empty(battery(status, {{kEnergyNow, energy}, {kPowerNow, power}}));
    };
    EXPECT_TRUE(std::isnan(with(kCharging, 40'000'000, 8'000'000)));
    EXPECT_TRUE(std::isnan(with(BatteryStatus::Full, 40'000'000, 8'000'000)));
    EXPECT_TRUE(std::isnan(with(BatteryStatus::NotCharging, 40'000'000, 8'000'000)));
    EXPECT_TRUE(std::isnan(with(kUnknown, 40'000'000, 8'000'000)));
    EXPECT_TRUE(std::isnan(with(kDischarging, 40'000'000, 0)));
    EXPECT_TRUE(std::isnan(with(kDischarging, 99'999, 8'000'000))) << "below 0.1 Wh";
    EXPECT_TRUE(std::isnan(with(kDischarging, 40'000'000, 301'000'000))) << "above 300 W";
    EXPECT_TRUE(std::isnan(with(kDischarging, 100'000'000, 400'000))) << "250 hours";
    EXPECT_EQ(with(kDischarging, 96'000'000, 400'000), 240.0 * 3600) << "ten days is still one";
    EXPECT_TRUE(std::isnan(battery_time_to_empty(battery(kDischarging, {{kEnergyNow, 1e7}}))));
}

TEST(TheTimeToFull, IsWhatIsLeftToFillOverThePowerWhileCharging) {
    EXPECT_EQ(battery_time_to_full(battery(
                  kCharging,
                  {{kEnergyNow, 40'000'000}, {kEnergyFull, 50'000'000}, {kPowerNow, 10'000'000}})),
              3'600.0);
    EXPECT_EQ(battery_time_to_full(battery(
                  kCharging,
                  {{kChargeNow, 1'000'000}, {kChargeFull, 4'000'000}, {kCurrentNow, 1'500'000}})),
              7'200.0);
    EXPECT_EQ(battery_time_to_full(battery(
                  kCharging,
                  {{kEnergyNow, 51'000'000}, {kEnergyFull, 50'000'000}, {kPowerNow, 1'000'000}})),
              0.0)
        << "more than its last full charge";
}

TEST(TheTimeToFull, IsMissingUnlessChargingOrAboveTwentyHoursOrWithoutAFullCharge) {
    EXPECT_TRUE(std::isnan(battery_time_to_full(
        battery(kDischarging,
                {{kEnergyNow, 40'000'000}, {kEnergyFull, 50'000'000}, {kPowerNow, 10'000'000}}))));
    EXPECT_TRUE(std::isnan(battery_time_to_full(battery(
        kCharging, {{kEnergyNow, 10'000'000}, {kEnergyFull, 50'000'000}, {kPowerNow, 1'000'000}}))))
        << "40 hours";
    EXPECT_TRUE(std::isnan(battery_time_to_full(
        battery(kCharging, {{kEnergyNow, 40'000'000}, {kPowerNow, 10'000'000}}))));
}

TEST(ThePowerCollectorOnALaptop, ListsTheSystemBatteryButNotTheMouseNorTheMains) {
    PowerCollector collector(test::fixture_path("laptop-intel/sys"));
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"power/BAT0/charge", "power/BAT0/rate", "power/BAT0/health",
                                        "power/BAT0/timeToEmpty", "power/BAT0/timeToFull",
                                        "power/system/draw"}));
    EXPECT_EQ(collector.sensors()[0].unit, "%");
    EXPECT_EQ(collector.sensors()[1].unit, "W");
    EXPECT_EQ(collector.sensors()[2].unit, "%");
    EXPECT_EQ(collector.sensors()[3].unit, "s");
    EXPECT_EQ(collector.sensors()[4].unit, "s");
    EXPECT_EQ(collector.sensors()[0].label, "BAT0 charge");
    EXPECT_FALSE(collector.sensors()[1].description.empty());
}

TEST(ThePowerCollectorOnALaptop, ReadsCapacityAndPowerNowOfADischargingBattery) {
    PowerCollector collector(test::fixture_path("laptop-intel/sys"));
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["power/BAT0/charge"].a, supply_file("laptop-intel", "BAT0", "capacity"));
    EXPECT_EQ(reading["power/BAT0/rate"].a, supply_file("laptop-intel", "BAT0", "power_now") / 1e6);
    EXPECT_GT(reading["power/BAT0/rate"].a, 0.0) << "the fixture's battery is discharging";
}

TEST(ThePowerCollectorOnALaptop, ReadsTheHealthAndTheTimeToEmptyOfADischargingBattery) {
    PowerCollector collector(test::fixture_path("laptop-intel/sys"));
    const auto reading = read_collector(collector);
    // energy_full 51230000 of energy_full_design 57000000 µWh; energy_now 40120000 µWh at
    // power_now 8123000 µW.
    EXPECT_DOUBLE_EQ(reading["power/BAT0/health"].a, 100.0 * 51230000 / 57000000);
    EXPECT_DOUBLE_EQ(reading["power/BAT0/timeToEmpty"].a, 3600.0 * 40120000 / 8123000);
    EXPECT_FALSE(reading["power/BAT0/timeToFull"].present());
}

TEST(ThePowerCollectorOnAnArmLaptop, ComputesChargeAndRateFromChargeCurrentAndVoltage) {
    PowerCollector collector(test::fixture_path("arm-charge/sys"));
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"power/battery/charge", "power/battery/rate",
                                        "power/battery/health", "power/battery/timeToEmpty",
                                        "power/battery/timeToFull", "power/system/draw"}))
        << "the empty bay (present 0) has no sensors";
    const auto reading = read_collector(collector);
    EXPECT_DOUBLE_EQ(reading["power/battery/charge"].a,
                     100.0 * supply_file("arm-charge", "battery", "charge_now") /
                         supply_file("arm-charge", "battery", "charge_full"));
    EXPECT_DOUBLE_EQ(reading["power/battery/rate"].a,
                     -supply_file("arm-charge", "battery", "current_now") *
                         supply_file("arm-charge", "battery", "voltage_now") / 1e12)
        << "charging";
    EXPECT_DOUBLE_EQ(reading["power/battery/health"].a,
                     100.0 * supply_file("arm-charge", "battery", "charge_full") /
                         supply_file("arm-charge", "battery", "charge_full_design"));
    EXPECT_DOUBLE_EQ(reading["power/battery/timeToFull"].a,
                     3600.0 *
                         (supply_file("arm-charge", "battery", "charge_full") -
                          supply_file("arm-charge", "battery", "charge_now")) /
                         supply_file("arm-charge", "battery", "current_now"));
    EXPECT_FALSE(reading["power/battery/timeToEmpty"].present());
}

TEST(ThePowerCollectorOnADesktop, HasNoSensorsWithoutABattery) {
    PowerCollector collector(test::fixture_path("desktop-amd/sys"));
    EXPECT_TRUE(collector.sensors().empty()) << "no battery, no power meter";
}

TEST(ThePowerCollectorOnALaptop, TakesTheSystemsDrawFromTheBatteryOnBattery) {
    PowerCollector collector(test::fixture_path("laptop-intel/sys"));
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["power/system/draw"].a, 8.123) << "AC and the USB-C port are offline";
    EXPECT_EQ(collector.sensors().back().unit, "W");
}

TEST(ThePowerCollectorOnAnArmLaptop, HasNoSystemDrawWhileCharging) {
    PowerCollector collector(test::fixture_path("arm-charge/sys"));
    EXPECT_FALSE(read_collector(collector)["power/system/draw"].present())
        << "what goes into the battery is not what the machine draws";
}

TEST(TheSystemDraw, IsTheBatteriesOnBatteryElseTheMetersSum) {
    const std::vector<double> meters = {345'000'000, 120'500'000};
    EXPECT_EQ(system_draw({true, 8.5, meters}), 8.5);
    EXPECT_EQ(system_draw({false, 8.5, meters}), 465.5);
    EXPECT_TRUE(std::isnan(system_draw({false, 0, {}})));
    EXPECT_TRUE(std::isnan(system_draw({true, kMissing, meters})));
    const std::vector<double> unreadable = {345'000'000, kMissing};
    EXPECT_TRUE(std::isnan(system_draw({false, 0, unreadable})));
}

class ThePowerCollector : public ::testing::Test {
protected:
    void battery(const std::string& name, const std::string& capacity = "50\n") const {
        const auto prefix = "class/power_supply/" + name + "/";
        dir.write(prefix + "type", "Battery\n");
        dir.write(prefix + "status", "Discharging\n");
        dir.write(prefix + "capacity", capacity);
        dir.write(prefix + "power_now", "5000000\n");
    }

    TempDir dir;
};

TEST_F(ThePowerCollector, DropsABatteryPluggedOutAtOnceAndSaysSo) {
    battery("BAT0");
    battery("BAT1");
    PowerCollector collector(dir.path());
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed);

    std::filesystem::remove_all(dir.path() + "/class/power_supply/BAT1");
    const auto reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(
        sensor_ids(collector),
        (std::vector<std::string>{"power/BAT0/charge", "power/BAT0/rate", "power/system/draw"}));
    EXPECT_EQ(reading["power/BAT0/charge"].a, 50.0);
    EXPECT_EQ(reading["power/system/draw"].a, 5.0);
    EXPECT_EQ(reading.samples.size(), 3u);
}

TEST_F(ThePowerCollector, TakesInABatteryPluggedInAtTheSecondReadThatFindsIt) {
    dir.write("class/power_supply/AC/type", "Mains\n");
    PowerCollector collector(dir.path());
    EXPECT_TRUE(collector.sensors().empty());

    battery("BAT0", "81\n");
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed) << "the kernel may still be making its files";
    const auto reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(reading["power/BAT0/charge"].a, 81.0);
    EXPECT_EQ(reading["power/BAT0/rate"].a, 5.0);
}

TEST_F(ThePowerCollector, FollowsAPresentFile) {
    battery("sbs-0-000b");
    dir.write("class/power_supply/sbs-0-000b/present", "1\n");
    PowerCollector collector(dir.path());
    EXPECT_EQ(collector.sensors().size(), 3u);

    bool changed = false;
    dir.write("class/power_supply/sbs-0-000b/present", "0\n");
    read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_TRUE(collector.sensors().empty());

    dir.write("class/power_supply/sbs-0-000b/present", "1\n");
    const auto reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(reading["power/sbs-0-000b/charge"].a, 50.0);
}

TEST_F(ThePowerCollector, LeavesGarbageAndTruncatedValuesMissing) {
    battery("BAT0", "7x\n");
    dir.write("class/power_supply/BAT0/power_now", "");
    PowerCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_FALSE(reading["power/BAT0/charge"].present());
    EXPECT_FALSE(reading["power/BAT0/rate"].present());
}

TEST_F(ThePowerCollector, LeavesTheRateMissingWhileTheStatusIsUnknown) {
    battery("BAT0");
    dir.write("class/power_supply/BAT0/status", "Unknown\n");
    PowerCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["power/BAT0/charge"].a, 50.0);
    EXPECT_FALSE(reading["power/BAT0/rate"].present());
}

TEST_F(ThePowerCollector, FollowsTheStatusFromReadToRead) {
    battery("BAT0");
    PowerCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["power/BAT0/rate"].a, 5.0);
    dir.write("class/power_supply/BAT0/status", "Charging\n");
    EXPECT_EQ(read_collector(collector)["power/BAT0/rate"].a, -5.0);
    dir.write("class/power_supply/BAT0/status", "Full\n");
    EXPECT_EQ(read_collector(collector)["power/BAT0/rate"].a, 0.0);
}

TEST_F(ThePowerCollector, HasNoSensorsWithoutThePowerSupplyClass) {
    PowerCollector collector(dir.path() + "/nothing");
    bool changed = true;
    EXPECT_TRUE(read_changing_collector(collector, changed).samples.empty());
    EXPECT_FALSE(changed);
}

}  // namespace
}  // namespace vitalsd

namespace vitalsd {
namespace {

class TheSystemDrawOfThePowerCollector : public test::HwmonTreeTest {
protected:
    void battery(const std::string& name, const std::string& status,
                 const std::string& microwatts) const {
        const auto prefix = "class/power_supply/" + name + "/";
        dir.write(prefix + "type", "Battery\n");
        dir.write(prefix + "status", status + "\n");
        dir.write(prefix + "power_now", microwatts + "\n");
    }
    void mains(const std::string& online) const {
        dir.write("class/power_supply/AC/type", "Mains\n");
        dir.write("class/power_supply/AC/online", online + "\n");
    }
    void meter(const std::string& hwmon, const std::string& microwatts) const {
        chip(hwmon, "power_meter");
        channel(hwmon, "power", 1, microwatts + "\n", "", "average");
    }
    double draw() {
        PowerCollector collector(dir.path());
        return read_collector(collector)["power/system/draw"].a;
    }
};

TEST_F(TheSystemDrawOfThePowerCollector, SumsTheBatteriesThatDischarge) {
    mains("0");
    battery("BAT0", "Discharging", "6500000");
    battery("BAT1", "Discharging", "2000000");
    battery("BAT2", "Not charging", "0");
    EXPECT_EQ(draw(), 8.5);
}

TEST_F(TheSystemDrawOfThePowerCollector, IsMissingWhileMainsIsOnlineWithoutAMeter) {
    mains("1");
    battery("BAT0", "Discharging", "6500000");  // an adapter too weak for the load
    EXPECT_TRUE(std::isnan(draw())) << "the battery gives only part of it";
}

TEST_F(TheSystemDrawOfThePowerCollector, IsTheMetersOfAServerAndNotAGpusPower) {
    meter("hwmon0", "345000000");
    meter("hwmon1", "120500000");
    chip("hwmon2", "amdgpu");
    channel("hwmon2", "power", 1, "45000000\n", "PPT", "average");
    PowerCollector collector(dir.path());
    EXPECT_EQ(sensor_ids(collector), (std::vector<std::string>{"power/system/draw"}));
    EXPECT_EQ(read_collector(collector)["power/system/draw"].a, 465.5);
}

TEST_F(TheSystemDrawOfThePowerCollector, IsTheBatteriesOnBatteryAndTheMeterOnMains) {
    meter("hwmon0", "30000000");
    mains("0");
    battery("BAT0", "Discharging", "6500000");
    EXPECT_EQ(draw(), 6.5);
    mains("1");
    dir.write("class/power_supply/BAT0/status", "Charging\n");
    EXPECT_EQ(draw(), 30.0);
}

TEST_F(TheSystemDrawOfThePowerCollector, IsNotListedWithoutABatteryOrAMeter) {
    mains("1");
    chip("hwmon0", "amdgpu");
    channel("hwmon0", "power", 1, "45000000\n", "PPT", "average");
    PowerCollector collector(dir.path());
    EXPECT_TRUE(collector.sensors().empty());
}

TEST_F(TheSystemDrawOfThePowerCollector, ComesWithAMeterThatComes) {
    PowerCollector collector(dir.path());
    EXPECT_TRUE(collector.sensors().empty());
    meter("hwmon0", "345000000");
    bool changed = true;
    read_changing_collector(collector, changed);
    EXPECT_FALSE(changed) << "the kernel may still be making its files";
    const auto reading = read_changing_collector(collector, changed);
    EXPECT_TRUE(changed);
    EXPECT_EQ(reading["power/system/draw"].a, 345.0);
}

}  // namespace
}  // namespace vitalsd
