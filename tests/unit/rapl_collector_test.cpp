// SPDX-License-Identifier: MIT
#include "collectors/rapl.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::rate;
using test::read_collector;
using test::sensor_ids;
using test::TempDir;

constexpr double kIntelRange = 262143328850;  // max_energy_range_uj of a 32-bit counter in 61 µJ

TEST(ARaplZoneEntry, NamesAZoneOrASubzone) {
    EXPECT_EQ(parse_rapl_zone("intel-rapl:0"), (RaplZoneName{0, std::nullopt}));
    EXPECT_EQ(parse_rapl_zone("intel-rapl:1"), (RaplZoneName{1, std::nullopt}));
    EXPECT_EQ(parse_rapl_zone("intel-rapl:0:2"), (RaplZoneName{0, 2u}));
    EXPECT_EQ(parse_rapl_zone("intel-rapl:12:10"), (RaplZoneName{12, 10u}));
}

TEST(ARaplZoneEntry, IsNoZoneForTheControlTypesTheMmioZonesAndMalformedNames) {
    for (const char* entry : {"intel-rapl", "intel-rapl-mmio", "intel-rapl-mmio:0", "dtpm",
                              "intel-rapl:", "intel-rapl:0:", "intel-rapl::1", "intel-rapl:00",
                              "intel-rapl:+1", "intel-rapl:0:1:2", "intel-rapl:x", ""}) {
        EXPECT_FALSE(parse_rapl_zone(entry)) << entry;
    }
}

TEST(ARaplDomain, IsNamedByTheZonesNameFile) {
    EXPECT_EQ(rapl_domain("package-0"), RaplDomain::Package);
    EXPECT_EQ(rapl_domain("package-1-die-1"), RaplDomain::Package);
    EXPECT_EQ(rapl_domain("core"), RaplDomain::Core);
    EXPECT_EQ(rapl_domain("uncore"), RaplDomain::Uncore);
    EXPECT_EQ(rapl_domain("dram"), RaplDomain::Dram);
    EXPECT_EQ(rapl_domain("psys"), RaplDomain::Other) << "the platform, more than the CPU";
    EXPECT_EQ(rapl_domain("package"), RaplDomain::Other);
    EXPECT_EQ(rapl_domain(""), RaplDomain::Other);
}

TEST(TheIncreaseOfAWrappingCounter, IsTheDifferenceWhileItGrows) {
    EXPECT_EQ(wrapped_increase(100, 350, kIntelRange), 250.0);
    EXPECT_EQ(wrapped_increase(100, 100, kIntelRange), 0.0);
    EXPECT_EQ(wrapped_increase(100, 350, kMissing), 250.0) << "no range is needed to grow";
}

TEST(TheIncreaseOfAWrappingCounter, CountsAWrapFromTheRangeBackToZero) {
    EXPECT_EQ(wrapped_increase(262141328850, 4500000, kIntelRange), 6500000.0);
    EXPECT_EQ(wrapped_increase(kIntelRange, 0, kIntelRange), 0.0);
    EXPECT_EQ(wrapped_increase(1, 0, kIntelRange), kIntelRange - 1)
        << "down by a little is a wrap by almost the whole range";
}

TEST(TheIncreaseOfAWrappingCounter, IsNothingForAResetItCannotExplain) {
    EXPECT_EQ(wrapped_increase(kIntelRange + 5, 10, kIntelRange), 0.0) << "beyond the range";
    EXPECT_EQ(wrapped_increase(1000, 10, kMissing), 0.0) << "no range known";
    EXPECT_EQ(wrapped_increase(1000, 10, 0.0), 0.0);
}

// A copy of the laptop fixture's sys tree, and the counters a second later from
// laptop-intel/a-second-later.
class TheRaplCollectorOnALaptop : public ::testing::Test {
protected:
    TheRaplCollectorOnALaptop() {
        std::filesystem::copy(test::fixture_path("laptop-intel/sys"), root.path(),
                              std::filesystem::copy_options::recursive |
                                  std::filesystem::copy_options::copy_symlinks);
    }

    void a_second_later() const {
        const auto later = test::fixture_path("laptop-intel/a-second-later/sys/class/powercap");
        for (const auto& zone : std::filesystem::directory_iterator(later)) {
            const auto name = zone.path().filename().string();
            root.write("class/powercap/" + name + "/energy_uj",
                       test::read_text(zone.path().string() + "/energy_uj"));
        }
    }

    TempDir root;
};

TEST_F(TheRaplCollectorOnALaptop, ServesThePackageItsCoresAndItsUncoreButNotPsysNorMmio) {
    RaplCollector collector(root.path());
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"power/cpu/package", "power/cpu/core", "power/cpu/uncore"}))
        << "psys counts the platform; intel-rapl-mmio:0 counts the package again";
    for (const auto& sensor : collector.sensors()) {
        EXPECT_EQ(sensor.unit, "W") << sensor.id;
        EXPECT_EQ(sensor.kind, SensorKind::Rate) << sensor.id;
        EXPECT_FALSE(sensor.description.empty()) << sensor.id;
    }
    EXPECT_EQ(collector.sensors()[0].label, "CPU package power");
}

TEST_F(TheRaplCollectorOnALaptop, MeasuresThePowerAcrossTheWrapOfThePackageCounter) {
    RaplCollector collector(root.path());
    const auto before = read_collector(collector);
    a_second_later();
    const auto after = read_collector(collector);
    // energy_uj of package-0 went from 262141328850 to 4500000 with a range of 262143328850.
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/package"), 6.5);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/core"), 4.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/uncore"), 0.5);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/package", 2.0), 3.25);
}

TEST_F(TheRaplCollectorOnALaptop, LeavesOutAZoneWhoseCounterItCannotOpen) {
    // A zone the service may not read (root's alone, EACCES) is like one it cannot open at all.
    const auto energy = root.path() + "/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj";
    std::filesystem::remove(energy);
    std::filesystem::create_symlink("nowhere", energy);
    RaplCollector collector(root.path());
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"power/cpu/core", "power/cpu/uncore"}));
}

TEST_F(TheRaplCollectorOnALaptop, HasNoSensorsWhenItMayNotReadTheCounters) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root reads a file of mode 0400 whoever owns it";
    }
    for (const char* zone : {"intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1"}) {
        ASSERT_EQ(::chmod((root.path() + "/class/powercap/" + zone + "/energy_uj").c_str(), 0), 0);
    }
    RaplCollector collector(root.path());
    EXPECT_TRUE(collector.sensors().empty());
}

TEST_F(TheRaplCollectorOnALaptop, LeavesAReadThatFailsMissingAndCountsOnFromTheLastGoodOne) {
    RaplCollector collector(root.path());
    const auto before = read_collector(collector);
    root.write("class/powercap/intel-rapl:0:0/energy_uj", "garbage\n");
    const auto failed = read_collector(collector);
    EXPECT_FALSE(failed["power/cpu/core"].present());
    EXPECT_TRUE(failed["power/cpu/package"].present());
    a_second_later();
    const auto after = read_collector(collector);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/core"), 4.0);
}

TEST(TheRaplCollectorOnADesktop, ServesTheAmdPackageAndItsCores) {
    RaplCollector collector(test::fixture_path("desktop-amd/sys"));
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"power/cpu/package", "power/cpu/core"}));
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["power/cpu/package"].a, 0.0) << "a running total, from the first read";
}

TEST(TheRaplCollectorOnAnArmLaptop, HasNoSensorsWithoutPowercap) {
    RaplCollector collector(test::fixture_path("arm-charge/sys"));
    EXPECT_TRUE(collector.sensors().empty());
    EXPECT_TRUE(read_collector(collector).samples.empty());
}

class TheRaplCollector : public ::testing::Test {
protected:
    void zone(const std::string& entry, const std::string& name, const std::string& energy) const {
        dir.write("class/powercap/" + entry + "/name", name + "\n");
        dir.write("class/powercap/" + entry + "/energy_uj", energy + "\n");
        dir.write("class/powercap/" + entry + "/max_energy_range_uj", "262143328850\n");
    }
    void energy(const std::string& entry, const std::string& energy) const {
        dir.write("class/powercap/" + entry + "/energy_uj", energy + "\n");
    }

    TempDir dir;
};

TEST_F(TheRaplCollector, SumsThePackagesAndServesEachOfSeveral) {
    zone("intel-rapl:0", "package-0", "1000000");
    zone("intel-rapl:0:0", "dram", "500000");
    zone("intel-rapl:1", "package-1", "262143000000");
    zone("intel-rapl:1:0", "dram", "700000");
    RaplCollector collector(dir.path());
    EXPECT_EQ(sensor_ids(collector),
              (std::vector<std::string>{"power/cpu/package", "power/cpu/dram",
                                        "power/cpu/package-0", "power/cpu/package-1"}));
    const auto before = read_collector(collector);
    energy("intel-rapl:0", "81000000");    // +80 J
    energy("intel-rapl:0:0", "12500000");  // +12 J
    energy("intel-rapl:1", "59671150");    // +328850 µJ to the wrap, then 59671150 µJ: +60 J
    energy("intel-rapl:1:0", "10700000");  // +10 J
    const auto after = read_collector(collector);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/package", 2.0), 70.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/package-0", 2.0), 40.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/package-1", 2.0), 30.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "power/cpu/dram", 2.0), 11.0);
}

TEST_F(TheRaplCollector, OrdersZonesByNumberNotByName) {
    for (int n = 0; n <= 10; ++n) {
        zone("intel-rapl:" + std::to_string(n), "package-" + std::to_string(n), "0");
    }
    RaplCollector collector(dir.path());
    const auto ids = sensor_ids(collector);
    ASSERT_EQ(ids.size(), 12u);
    EXPECT_EQ(ids[3], "power/cpu/package-2");
    EXPECT_EQ(ids[11], "power/cpu/package-10");
}

TEST_F(TheRaplCollector, LeavesTheSumMissingWhileAPackageCannotBeRead) {
    zone("intel-rapl:0", "package-0", "1000000");
    zone("intel-rapl:1", "package-1", "1000000");
    RaplCollector collector(dir.path());
    energy("intel-rapl:1", "");
    const auto reading = read_collector(collector);
    EXPECT_FALSE(reading["power/cpu/package"].present());
    EXPECT_FALSE(reading["power/cpu/package-1"].present());
    EXPECT_TRUE(reading["power/cpu/package-0"].present());
}

TEST_F(TheRaplCollector, CountsADecreaseAsNoChangeWithoutARange) {
    zone("intel-rapl:0", "package-0", "5000000");
    std::filesystem::remove(dir.path() + "/class/powercap/intel-rapl:0/max_energy_range_uj");
    RaplCollector collector(dir.path());
    const auto before = read_collector(collector);
    energy("intel-rapl:0", "1000000");
    const auto after = read_collector(collector);
    EXPECT_EQ(rate(before, after, "power/cpu/package"), 0.0);
}

}  // namespace
}  // namespace vitalsd
