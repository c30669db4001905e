// SPDX-License-Identifier: MIT
#include "collectors/cpu.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <sstream>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "sampling/derive.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::CollectorReading;
using test::read_collector;
using test::TempDir;

const char* const kShares[] = {"usage", "user", "system", "iowait"};

// The numbers of the "cpuN" lines of a /proc/stat text, parsed here independently of the
// collector.
std::vector<unsigned> cpu_numbers(const std::string& stat) {
    std::vector<unsigned> out;
    std::istringstream lines(stat);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() > 3 && line.starts_with("cpu") &&
            std::isdigit(static_cast<unsigned char>(line[3]))) {
            out.push_back(static_cast<unsigned>(std::stoul(line.substr(3))));
        }
    }
    return out;
}

// The first eight counters of the line with this label: user nice system idle iowait irq softirq
// steal (guest time is already inside user).
std::vector<double> counters_of(const std::string& stat, const std::string& label) {
    std::istringstream lines(stat);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string first;
        fields >> first;
        if (first == label) {
            std::vector<double> out(8, 0.0);
            for (auto& value : out) {
                fields >> value;
            }
            return out;
        }
    }
    throw std::runtime_error("no line " + label);
}

// A /proc/stat line: label, then user nice system idle iowait irq softirq steal guest guest_nice.
std::string stat_line(const std::string& label, unsigned long long user, unsigned long long nice,
                      unsigned long long system, unsigned long long idle, unsigned long long iowait,
                      unsigned long long irq = 0, unsigned long long softirq = 0,
                      unsigned long long steal = 0) {
    std::ostringstream out;
    out << label << ' ' << user << ' ' << nice << ' ' << system << ' ' << idle << ' ' << iowait
        << ' ' << irq << ' ' << softirq << ' ' << steal << " 0 0\n";
    return out.str();
}

constexpr const char* kTail = "intr 12 0 0\nctxt 1234\nbtime 1795448375\nprocesses 10\n";

class TheCpuCollectorOnTheBasicFixture : public ::testing::Test {
protected:
    CpuCollector collector{test::basic_proc_root()};
    std::string stat = test::read_text(test::basic_proc_root() + "/stat");
    std::vector<unsigned> cpus = cpu_numbers(stat);
};

TEST_F(TheCpuCollectorOnTheBasicFixture, FindsCpuLinesInTheFixture) {
    ASSERT_FALSE(cpus.empty());
}

TEST_F(TheCpuCollectorOnTheBasicFixture, ListsTheSharesOfAllCpusAndOfEachCpuLine) {
    const auto sensors = collector.sensors();
    ASSERT_EQ(sensors.size(), std::size(kShares) * (1 + cpus.size()) + 1);
    std::size_t i = 0;
    for (const char* share : kShares) {
        EXPECT_EQ(sensors[i++].id, std::string("cpu/all/") + share);
    }
    for (const unsigned n : cpus) {
        for (const char* share : kShares) {
            EXPECT_EQ(sensors[i++].id, "cpu/cpu" + std::to_string(n) + "/" + share);
        }
    }
    EXPECT_EQ(sensors.back().id, "cpu/all/count");
}

TEST_F(TheCpuCollectorOnTheBasicFixture, MakesEveryShareInPercentAndTheCountAGauge) {
    for (const auto& sensor : collector.sensors()) {
        if (sensor.id == "cpu/all/count") {
            EXPECT_EQ(sensor.kind, SensorKind::Gauge);
        } else {
            EXPECT_EQ(sensor.kind, SensorKind::Share) << sensor.id;
            EXPECT_EQ(sensor.unit, "%") << sensor.id;
        }
    }
}

TEST_F(TheCpuCollectorOnTheBasicFixture, CountsTheCpuLines) {
    EXPECT_EQ(read_collector(collector)["cpu/all/count"].a, static_cast<double>(cpus.size()));
}

TEST_F(TheCpuCollectorOnTheBasicFixture, ReadsTheCountersOfTheCpuLines) {
    const auto reading = read_collector(collector);
    const auto t = counters_of(stat, "cpu");
    const double total = t[0] + t[1] + t[2] + t[3] + t[4] + t[5] + t[6] + t[7];
    EXPECT_EQ(reading["cpu/all/usage"].a, total - t[3]);
    EXPECT_EQ(reading["cpu/all/usage"].b, total);
    EXPECT_EQ(reading["cpu/all/user"].a, t[0] + t[1]);
    EXPECT_EQ(reading["cpu/all/system"].a, t[2] + t[5] + t[6] + t[7]);
    EXPECT_EQ(reading["cpu/all/iowait"].a, t[4]);

    const auto label = "cpu" + std::to_string(cpus.back());
    const auto c = counters_of(stat, label);
    EXPECT_EQ(reading["cpu/" + label + "/usage"].b,
              c[0] + c[1] + c[2] + c[3] + c[4] + c[5] + c[6] + c[7]);
    EXPECT_EQ(reading["cpu/" + label + "/iowait"].a, c[4]);
}

class TheCpuCollector : public ::testing::Test {
protected:
    // Returns the share each sensor shows between the two readings.
    static double share(const CollectorReading& before, const CollectorReading& after,
                        const std::string& id) {
        return derive_value(SensorKind::Share, before[id], after[id], 1.0);
    }

    TempDir dir;
};

TEST_F(TheCpuCollector, GivesTheSharesOfTimeBetweenTwoReadings) {
    dir.write("stat", stat_line("cpu ", 100, 0, 50, 800, 50) +
                          stat_line("cpu0", 100, 0, 50, 800, 50) + kTail);
    CpuCollector collector(dir.path());
    const auto before = read_collector(collector);
    // Over the window: user 50 + nice 10, system 30 + irq 5 + softirq 3 + steal 2, idle 80,
    // iowait 20: 200 in all, 120 of them not idle.
    dir.write("stat", stat_line("cpu ", 150, 10, 80, 880, 70, 5, 3, 2) +
                          stat_line("cpu0", 150, 10, 80, 880, 70, 5, 3, 2) + kTail);
    const auto after = read_collector(collector);

    for (const std::string who : {"all", "cpu0"}) {
        SCOPED_TRACE(who);
        EXPECT_DOUBLE_EQ(share(before, after, "cpu/" + who + "/usage"), 60.0);
        EXPECT_DOUBLE_EQ(share(before, after, "cpu/" + who + "/user"), 30.0);
        EXPECT_DOUBLE_EQ(share(before, after, "cpu/" + who + "/system"), 20.0);
        EXPECT_DOUBLE_EQ(share(before, after, "cpu/" + who + "/iowait"), 10.0);
    }
}

TEST_F(TheCpuCollector, MakesUserSystemAndIowaitAddUpToUsage) {
    dir.write("stat", stat_line("cpu ", 1234, 56, 789, 10000, 321, 11, 22, 33) + kTail);
    CpuCollector collector(dir.path());
    const auto before = read_collector(collector);
    dir.write("stat", stat_line("cpu ", 1301, 60, 850, 10123, 345, 14, 29, 34) + kTail);
    const auto after = read_collector(collector);

    const double usage = share(before, after, "cpu/all/usage");
    EXPECT_GT(usage, 0.0);
    EXPECT_NEAR(share(before, after, "cpu/all/user") + share(before, after, "cpu/all/system") +
                    share(before, after, "cpu/all/iowait"),
                usage, 1e-9);
}

TEST_F(TheCpuCollector, GivesEachCpuItsOwnShares) {
    dir.write("stat", stat_line("cpu ", 0, 0, 0, 0, 0) + stat_line("cpu0", 0, 0, 0, 0, 0) +
                          stat_line("cpu1", 0, 0, 0, 0, 0) + kTail);
    CpuCollector collector(dir.path());
    const auto before = read_collector(collector);
    dir.write("stat", stat_line("cpu ", 100, 0, 0, 100, 0) + stat_line("cpu0", 100, 0, 0, 0, 0) +
                          stat_line("cpu1", 0, 0, 0, 100, 0) + kTail);
    const auto after = read_collector(collector);
    EXPECT_DOUBLE_EQ(share(before, after, "cpu/all/usage"), 50.0);
    EXPECT_DOUBLE_EQ(share(before, after, "cpu/cpu0/usage"), 100.0);
    EXPECT_DOUBLE_EQ(share(before, after, "cpu/cpu1/usage"), 0.0);
}

TEST_F(TheCpuCollector, LeavesOutGuestTimeWhichUserAlreadyHolds) {
    dir.write("stat", "cpu  10 0 10 80 0 0 0 0 500 500\n" + std::string(kTail));
    CpuCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["cpu/all/usage"].b, 100.0);
}

TEST_F(TheCpuCollector, ReadsALineOfAnOldKernelThatEndsAfterIdle) {
    dir.write("stat", "cpu  10 5 15 70\ncpu0 10 5 15 70\n" + std::string(kTail));
    CpuCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["cpu/all/usage"].a, 30.0);
    EXPECT_EQ(reading["cpu/all/usage"].b, 100.0);
    EXPECT_EQ(reading["cpu/all/iowait"].a, 0.0);
    EXPECT_EQ(reading["cpu/cpu0/user"].a, 15.0);
}

TEST_F(TheCpuCollector, LeavesTheSharesMissingWhenTheLinesEndBeforeIdle) {
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) +
                          stat_line("cpu1", 1, 2, 3, 4, 5) + kTail);
    CpuCollector collector(dir.path());
    dir.write("stat", "cpu  6282 0 2417\ncpu0 2551 0 1010\ncpu1 3730 0\n" + std::string(kTail));
    const auto reading = read_collector(collector);
    for (std::size_t i = 0; i + 1 < reading.samples.size(); ++i) {
        EXPECT_TRUE(std::isnan(reading.samples[i].a)) << reading.sensors[i].id;
        EXPECT_TRUE(std::isnan(reading.samples[i].b)) << reading.sensors[i].id;
    }
}

TEST_F(TheCpuCollector, KeepsTheLinesBeforeTheFileWasCut) {
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) +
                          stat_line("cpu1", 1, 2, 3, 4, 5) + kTail);
    CpuCollector collector(dir.path());
    dir.write("stat", stat_line("cpu ", 10, 0, 10, 80, 0) + stat_line("cpu0", 5, 0, 5, 40, 0) +
                          "cpu1 5 0 5");
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["cpu/all/usage"].b, 100.0);
    EXPECT_EQ(reading["cpu/cpu0/usage"].b, 50.0);
    EXPECT_FALSE(reading["cpu/cpu1/usage"].present());
    EXPECT_FALSE(reading["cpu/cpu1/user"].present());
}

// A file cut before the first cpuN line says nothing about how many CPUs are online: the count
// must be missing, not 0.
TEST_F(TheCpuCollector, LeavesTheCountMissingWhenTheFileEndsBeforeAnyCpuLine) {
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) + kTail);
    CpuCollector collector(dir.path());
    dir.write("stat", "cpu  6282 0 2417");
    const auto reading = read_collector(collector);
    EXPECT_FALSE(reading["cpu/all/usage"].present());
    EXPECT_FALSE(reading["cpu/all/count"].present()) << reading["cpu/all/count"].a;
}

TEST_F(TheCpuCollector, LeavesACpuThatWentOfflineMissingAndCountsOneFewer) {
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) +
                          stat_line("cpu1", 1, 2, 3, 4, 5) + kTail);
    CpuCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["cpu/all/count"].a, 2.0);
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) + kTail);
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["cpu/all/count"].a, 1.0);
    EXPECT_TRUE(reading["cpu/cpu0/usage"].present());
    EXPECT_FALSE(reading["cpu/cpu1/usage"].present());
}

TEST_F(TheCpuCollector, GivesACpuThatCameOnlineAfterTheStartItsSensors) {
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) + kTail);
    CpuCollector collector(dir.path());
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) +
                          stat_line("cpu1", 6, 2, 3, 4, 5) + kTail);
    std::vector<RawSample> out;
    EXPECT_TRUE(collector.read(out)) << "the sensors changed";
    EXPECT_FALSE(collector.read(out)) << "and only once";
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["cpu/all/count"].a, 2.0);
    EXPECT_EQ(reading.sensors.size(), 4u * 3 + 1);
    EXPECT_EQ(reading["cpu/cpu1/user"].a, 8.0);
}

TEST_F(TheCpuCollector, NamesCpusByTheirNumbersWhenSomeAreOfflineAtStart) {
    dir.write("stat", stat_line("cpu ", 1, 2, 3, 4, 5) + stat_line("cpu0", 1, 2, 3, 4, 5) +
                          stat_line("cpu2", 7, 0, 0, 3, 0) + kTail);
    CpuCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading.sensors.size(), 4u * 3 + 1);
    EXPECT_EQ(reading["cpu/cpu2/usage"].a, 7.0);
    EXPECT_THROW(reading["cpu/cpu1/usage"], std::out_of_range);
}

TEST_F(TheCpuCollector, GivesAllMissingSamplesWithoutThrowingWhenTheFileIsMissing) {
    CpuCollector collector(dir.path());
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    ASSERT_EQ(reading.sensors.size(), 4u + 1);  // cpu/all/* and the count
    for (std::size_t i = 0; i < reading.samples.size(); ++i) {
        EXPECT_FALSE(reading.samples[i].present()) << reading.sensors[i].id;
    }
}

}  // namespace
}  // namespace vitalsd
