// SPDX-License-Identifier: MIT
// File systems, temperatures, fans, batteries and CPU frequencies read over the bus from the
// fixture trees given with --proc-root and --sys-root.
#include <gtest/gtest.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fixture_path.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// Returns the number in a fixture file (a sysfs value).
double fixture_number(const std::string& path) {
    std::ifstream in(fixture_path(path));
    double value = 0;
    if (!(in >> value)) {
        throw std::runtime_error("no number in " + path);
    }
    return value;
}

std::vector<std::string> laptop_args(const std::string& sys) {
    return {"--proc-root=" + fixture_path("laptop-intel/proc"), "--sys-root=" + sys};
}

// A copy of the laptop fixture's sys tree that the test can change, removed with it.
class LaptopSysCopy {
public:
    LaptopSysCopy()
        : path_(std::string(std::getenv("VITALSD_TEST_DIR")) + "/sys-" +
                std::to_string(::getpid())) {
        std::filesystem::remove_all(path_);
        std::filesystem::copy(fixture_path("laptop-intel/sys"), path_,
                              std::filesystem::copy_options::recursive |
                                  std::filesystem::copy_options::copy_symlinks);
    }
    ~LaptopSysCopy() { std::filesystem::remove_all(path_); }
    LaptopSysCopy(const LaptopSysCopy&) = delete;
    LaptopSysCopy& operator=(const LaptopSysCopy&) = delete;

    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Whether the client got an update with a value of the sensor.
bool updated(const VitalsClient& client, const std::string& id) {
    return std::any_of(client.updates.begin(), client.updates.end(),
                       [&](const auto& update) { return update.values.contains(id); });
}

TEST(AServiceOnALaptop, ReadsTemperaturesTheFanTheBatteryAndCpuFrequencies) {
    PrivateBus bus(laptop_args(fixture_path("laptop-intel/sys")));
    VitalsClient client(bus);

    const auto values = std::get<1>(client.GetValues(
        {"temperature/*/*", "cpu/all/temperature", "fan/*/*", "power/*/*", "cpu/*/frequency"}));
    const std::string hwmon = "laptop-intel/sys/class/hwmon/";
    // The battery's five less timeToFull, which has no value while it discharges; the system's
    // draw; RAPL's three.
    EXPECT_EQ(values.size(), 17u + 1 + 1 + 4 + 1 + 3 + 8);
    EXPECT_EQ(values.at("power/system/draw"), values.at("power/BAT0/rate")) << "on battery";
    EXPECT_FALSE(values.contains("power/BAT0/timeToFull"));
    EXPECT_EQ(values.at("power/cpu/package"), 0.0) << "the fixture's counters stand still";
    EXPECT_EQ(values.at("fan/thinkpad/fan1"), fixture_number(hwmon + "hwmon5/fan1_input"));
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
    EXPECT_DOUBLE_EQ(values.at("power/BAT0/health"), 100.0 * 51230000 / 57000000);
    EXPECT_EQ(
        values.at("cpu/cpu7/frequency"),
        fixture_number("laptop-intel/sys/devices/system/cpu/cpu7/cpufreq/scaling_cur_freq") / 1000);
}

TEST(AServiceOnALaptop, ReadsTheFileSystemsItsMountinfoLists) {
    PrivateBus bus(laptop_args(fixture_path("laptop-intel/sys")));
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
    PrivateBus bus(laptop_args(fixture_path("laptop-intel/sys")));
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
    EXPECT_EQ(units.at("fan/thinkpad/fan1"), "RPM");
    EXPECT_EQ(units.at("power/BAT0/charge"), "%");
    EXPECT_EQ(units.at("power/BAT0/rate"), "W");
    EXPECT_EQ(units.at("power/BAT0/health"), "%");
    EXPECT_EQ(units.at("power/BAT0/timeToEmpty"), "s");
    EXPECT_EQ(units.at("power/system/draw"), "W");
    EXPECT_EQ(units.at("power/cpu/package"), "W");
    EXPECT_EQ(units.at("power/cpu/uncore"), "W");
    EXPECT_EQ(units.at("cpu/cpu0/frequency"), "MHz");
    for (const auto& [id, unit] : units) {
        EXPECT_FALSE(id.starts_with("fs/mnt%2Fnas/")) << "nfs";
        EXPECT_FALSE(id.starts_with("fs/snap%2F")) << "squashfs";
        EXPECT_FALSE(id.starts_with("power/hidpp_battery_0/")) << "a mouse's battery";
    }
}

TEST(AServiceOnALaptop, ListsNoCpuPowerWhereItCannotReadTheEnergyCounters) {
    const LaptopSysCopy copy;
    // What a kernel since 5.10 gives a service that is not root: EACCES. The test may run as root,
    // which reads any file: a counter that cannot be opened at all stands for it.
    for (const char* zone : {"intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1"}) {
        const auto energy =
            std::filesystem::canonical(copy.path() + "/class/powercap/" + zone) / "energy_uj";
        std::filesystem::remove(energy);
        std::filesystem::create_symlink("nowhere", energy);
    }
    PrivateBus bus(laptop_args(copy.path()));
    VitalsClient client(bus);

    for (const auto& sensor : client.ListSensors()) {
        EXPECT_FALSE(sensor.get<0>().starts_with("power/cpu/")) << sensor.get<0>();
    }
    EXPECT_THROW(client.GetValues({"power/cpu/package"}), sdbus::Error);
}

TEST(AServiceOnALaptop, TellsItsSubscribersWhenTheBatteryIsTakenOutAndPutBack) {
    const LaptopSysCopy copy;
    const auto& sys = copy.path();
    PrivateBus bus(laptop_args(sys));
    VitalsClient client(bus);
    // With its battery the laptop loses the one source of its draw.
    const std::vector<std::string> battery = {"power/BAT0/charge",     "power/BAT0/rate",
                                              "power/BAT0/health",     "power/BAT0/timeToEmpty",
                                              "power/BAT0/timeToFull", "power/system/draw"};

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
}

TEST(AServiceOnALaptop, SendsABatteryPutInAfterItsSubscriberAskedForBatteriesAndGotNone) {
    const LaptopSysCopy sys;
    const auto link = sys.path() + "/class/power_supply/BAT0";
    const auto target = std::filesystem::read_symlink(link);
    std::filesystem::remove(link);
    PrivateBus bus(laptop_args(sys.path()));
    VitalsClient client(bus);

    client.Start(100, {"power/*/charge", "power/*/rate"});
    ASSERT_TRUE(client.pump_until([&] { return client.updates.size() >= 3; }, 2s));
    EXPECT_TRUE(client.updates.back().values.empty());

    std::filesystem::create_symlink(target, link);
    ASSERT_TRUE(client.pump_until([&] { return updated(client, "power/BAT0/charge"); }, 5s));
    EXPECT_EQ(client.updates.back().values.at("power/BAT0/charge"), 78.0);
    EXPECT_TRUE(client.updates.back().values.contains("power/BAT0/rate"));
    ASSERT_FALSE(client.sensor_changes.empty());
    EXPECT_EQ(client.sensor_changes[0].added,
              (std::vector<std::string>{"power/BAT0/charge", "power/BAT0/rate", "power/BAT0/health",
                                        "power/BAT0/timeToEmpty", "power/BAT0/timeToFull",
                                        "power/system/draw"}));
    const auto first_with_battery = std::find_if(
        client.updates.begin(), client.updates.end(),
        [](const auto& update) { return update.values.contains("power/BAT0/charge"); });
    EXPECT_LE(client.sensor_changes[0].updates_before,
              static_cast<std::size_t>(first_with_battery - client.updates.begin()))
        << "SensorsChanged comes before the first Updated with the new sensors";
}

TEST(AServiceOnALaptop, SendsTheTemperaturesOfAChipThatCameAfterItsSubscriberAskedForThem) {
    const LaptopSysCopy sys;
    const auto hwmon = sys.path() + "/class/hwmon";
    const auto coretemp = std::filesystem::read_symlink(hwmon + "/hwmon3");
    for (const auto& chip : std::filesystem::directory_iterator(hwmon)) {
        std::filesystem::remove(chip.path());
    }
    PrivateBus bus(laptop_args(sys.path()));
    VitalsClient client(bus);

    client.Start(1000, {"temperature/*/*"});
    ASSERT_TRUE(client.pump_until([&] { return !client.updates.empty(); }, 3s));
    EXPECT_TRUE(client.updates.back().values.empty());

    std::filesystem::create_symlink(coretemp, hwmon + "/hwmon3");
    const std::string package = "temperature/coretemp/Package%20id%200";
    ASSERT_TRUE(client.pump_until([&] { return updated(client, package); }, 8s))
        << "rescans once a second, and a chip is taken in by the second look that finds it";
    EXPECT_EQ(client.updates.back().values.at(package),
              fixture_number("laptop-intel/sys/class/hwmon/hwmon3/temp1_input") / 1000);
    EXPECT_FALSE(client.updates.back().values.contains("cpu/all/temperature")) << "not asked";
    ASSERT_TRUE(client.pump_until([&] { return !client.sensor_changes.empty(); }, 1s));
    const auto& added = client.sensor_changes[0].added;
    EXPECT_NE(std::find(added.begin(), added.end(), package), added.end());
    EXPECT_NE(std::find(added.begin(), added.end(), "cpu/all/temperature"), added.end());
}

}  // namespace
}  // namespace vitalsd::test
