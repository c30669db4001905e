// SPDX-License-Identifier: MIT
// File systems, temperatures, batteries and CPU frequencies read over the bus from the fixture
// trees given with --proc-root and --sys-root.
#include <gtest/gtest.h>
#include <sys/statvfs.h>

#include <filesystem>
#include <fstream>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// Returns the number in a fixture file (a sysfs value).
double fixture_number(const std::string& path) {
    std::ifstream in(PrivateBus::fixture(path));
    double value = 0;
    if (!(in >> value)) {
        throw std::runtime_error("no number in " + path);
    }
    return value;
}

std::vector<std::string> laptop_args(const std::string& sys) {
    return {"--proc-root=" + PrivateBus::fixture("laptop-intel/proc"), "--sys-root=" + sys};
}

TEST(AServiceOnALaptop, ReadsTemperaturesTheBatteryAndCpuFrequencies) {
    PrivateBus bus(laptop_args(PrivateBus::fixture("laptop-intel/sys")));
    VitalsClient client(bus);

    const auto values = std::get<1>(client.GetValues(
        {"temperature/*/*", "cpu/all/temperature", "power/*/*", "cpu/*/frequency"}));
    const std::string hwmon = "laptop-intel/sys/class/hwmon/";
    EXPECT_EQ(values.size(), 10u + 1 + 2 + 8);
    EXPECT_EQ(values.at("temperature/nvme/Sensor%202"),
              fixture_number(hwmon + "hwmon2/temp3_input") / 1000);
    EXPECT_EQ(values.at("temperature/coretemp/Core%200"),
              fixture_number(hwmon + "hwmon3/temp2_input") / 1000);
    EXPECT_EQ(values.at("cpu/all/temperature"),
              fixture_number(hwmon + "hwmon3/temp1_input") / 1000);
    EXPECT_EQ(values.at("power/BAT0/charge"),
              fixture_number("laptop-intel/sys/class/power_supply/BAT0/capacity"));
    EXPECT_EQ(values.at("power/BAT0/rate"),
              fixture_number("laptop-intel/sys/class/power_supply/BAT0/power_now") / 1e6);
    EXPECT_EQ(
        values.at("cpu/cpu7/frequency"),
        fixture_number("laptop-intel/sys/devices/system/cpu/cpu7/cpufreq/scaling_cur_freq") / 1000);
}

TEST(AServiceOnALaptop, ReadsTheFileSystemsItsMountinfoLists) {
    PrivateBus bus(laptop_args(PrivateBus::fixture("laptop-intel/sys")));
    VitalsClient client(bus);

    // The fixture's mount points are looked up on this machine: "/" is there.
    struct statvfs root {};
    ASSERT_EQ(::statvfs("/", &root), 0);
    const auto values = std::get<1>(client.GetValues({"fs/root/total", "fs/root/usedPercent"}));
    EXPECT_EQ(values.at("fs/root/total"),
              static_cast<double>(root.f_blocks) * static_cast<double>(root.f_frsize));
    EXPECT_GE(values.at("fs/root/usedPercent"), 0.0);
    EXPECT_LE(values.at("fs/root/usedPercent"), 100.0);
}

TEST(AServiceOnALaptop, ListsTheNewSensorsWithUnitsAndLeavesOutTheNoise) {
    PrivateBus bus(laptop_args(PrivateBus::fixture("laptop-intel/sys")));
    VitalsClient client(bus);

    std::map<std::string, std::string> units;
    for (const auto& sensor : client.ListSensors()) {
        EXPECT_FALSE(sensor.get<2>().empty()) << sensor.get<0>();
        EXPECT_FALSE(sensor.get<3>().empty()) << sensor.get<0>();
        units[sensor.get<0>()] = sensor.get<1>();
    }
    EXPECT_EQ(units.at("fs/root/total"), "B");
    EXPECT_EQ(units.at("fs/boot%2Fefi/usedPercent"), "%");
    EXPECT_EQ(units.at("fs/media%2Fana%2FMy%20Stick/free"), "B");
    EXPECT_EQ(units.at("temperature/coretemp/Package%20id%200"), "°C");
    EXPECT_EQ(units.at("cpu/all/temperature"), "°C");
    EXPECT_EQ(units.at("power/BAT0/charge"), "%");
    EXPECT_EQ(units.at("power/BAT0/rate"), "W");
    EXPECT_EQ(units.at("cpu/cpu0/frequency"), "MHz");
    for (const auto& [id, unit] : units) {
        EXPECT_FALSE(id.starts_with("fs/mnt%2Fnas/")) << "nfs";
        EXPECT_FALSE(id.starts_with("fs/snap%2F")) << "squashfs";
        EXPECT_FALSE(id.starts_with("power/hidpp_battery_0/")) << "a mouse's battery";
    }
}

TEST(AServiceOnALaptop, TellsItsSubscribersWhenTheBatteryIsTakenOutAndPutBack) {
    // A copy of the fixture's sys tree that the test can change.
    const auto sys =
        std::string(std::getenv("VITALSD_TEST_DIR")) + "/sys-" + std::to_string(::getpid());
    std::filesystem::remove_all(sys);
    std::filesystem::copy(
        PrivateBus::fixture("laptop-intel/sys"), sys,
        std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks);
    PrivateBus bus(laptop_args(sys));
    VitalsClient client(bus);
    const std::vector<std::string> battery = {"power/BAT0/charge", "power/BAT0/rate"};

    client.Start(100, {"power/BAT0/charge"});
    ASSERT_TRUE(client.pump_until([&] { return !client.updates.empty(); }, 2s));
    EXPECT_EQ(client.updates.back().values.at("power/BAT0/charge"), 78.0);

    const auto link = sys + "/class/power_supply/BAT0";
    const auto target = std::filesystem::read_symlink(link);
    std::filesystem::remove(link);
    ASSERT_TRUE(client.pump_until([&] { return client.sensor_changes.size() == 1; }, 2s));
    EXPECT_EQ(client.sensor_changes[0].removed, battery);
    EXPECT_TRUE(client.sensor_changes[0].added.empty());
    client.updates.clear();
    client.pump(300ms);
    for (const auto& update : client.updates) {
        EXPECT_FALSE(update.values.contains("power/BAT0/charge"));
    }

    std::filesystem::create_symlink(target, link);
    ASSERT_TRUE(client.pump_until([&] { return client.sensor_changes.size() == 2; }, 2s));
    EXPECT_EQ(client.sensor_changes[1].added, battery);
    client.updates.clear();
    ASSERT_TRUE(client.pump_until([&] { return !client.updates.empty(); }, 2s));
    EXPECT_EQ(client.updates.back().values.at("power/BAT0/charge"), 78.0)
        << "the subscriber gets the sensor again";
    std::filesystem::remove_all(sys);
}

}  // namespace
}  // namespace vitalsd::test
