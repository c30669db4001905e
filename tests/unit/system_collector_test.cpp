// SPDX-License-Identifier: MIT
#include "collectors/system.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::CollectorReading;
using test::present_ids;
using test::rate;
using test::read_collector;
using test::TempDir;

// Returns how many entries of a directory are named by digits alone, counted here with
// std::filesystem, independently of the collector.
std::size_t numeric_entries(const std::string& directory) {
    std::size_t count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        const auto name = entry.path().filename().string();
        count += std::all_of(name.begin(), name.end(),
                             [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })
                     ? 1
                     : 0;
    }
    return count;
}

// Returns the first number after key on the line of a /proc/stat text that starts with key.
double stat_value(const std::string& stat, const std::string& key) {
    std::istringstream lines(stat);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string first;
        double value = 0;
        if (fields >> first >> value && first == key) {
            return value;
        }
    }
    throw std::runtime_error("no " + key);
}

std::string stat_text(unsigned long long ctxt, unsigned long long intr,
                      unsigned long long processes, unsigned running) {
    std::ostringstream out;
    out << "cpu  10 0 10 80 0 0 0 0 0 0\ncpu0 10 0 10 80 0 0 0 0 0 0\nintr " << intr
        << " 0 3 0 0 7\nctxt " << ctxt << "\nbtime 1795448375\nprocesses " << processes
        << "\nprocs_running " << running << "\nprocs_blocked 0\nsoftirq 1 2 3\n";
    return out.str();
}

TEST(TheSystemCollector, ProvidesItsTenSensorsWithUnits) {
    SystemCollector collector(test::fixture_path("vm/proc"));
    const auto& sensors = collector.sensors();
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"system/uptime", "s"},           {"system/processes", ""},
        {"system/threads", ""},           {"system/running", ""},
        {"system/contextSwitches", "/s"}, {"system/interrupts", "/s"},
        {"system/forks", "/s"},           {"system/totalContextSwitches", ""},
        {"system/totalInterrupts", ""},   {"system/totalForks", ""}};
    ASSERT_EQ(sensors.size(), expected.size());
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        EXPECT_EQ(sensors[i].id, expected[i].first);
        EXPECT_EQ(sensors[i].unit, expected[i].second) << sensors[i].id;
        EXPECT_EQ(sensors[i].kind,
                  expected[i].second == "/s" ? SensorKind::Rate : SensorKind::Gauge)
            << sensors[i].id;
        EXPECT_FALSE(sensors[i].label.empty()) << sensors[i].id;
        EXPECT_FALSE(sensors[i].description.empty()) << sensors[i].id;
    }
}

TEST(TheSystemCollector, ReadsTheVmFixturesNumbers) {
    const auto proc = test::fixture_path("vm/proc");
    SystemCollector collector(proc);
    const auto reading = read_collector(collector);

    double uptime = 0;
    std::istringstream(test::read_text(proc + "/uptime")) >> uptime;
    EXPECT_EQ(reading["system/uptime"].a, uptime);

    std::istringstream loadavg(test::read_text(proc + "/loadavg"));
    std::string one, five, fifteen, tasks;
    loadavg >> one >> five >> fifteen >> tasks;
    EXPECT_EQ(reading["system/threads"].a, std::stod(tasks.substr(tasks.find('/') + 1)));

    const auto stat = test::read_text(proc + "/stat");
    EXPECT_EQ(reading["system/running"].a, stat_value(stat, "procs_running"));
    EXPECT_EQ(reading["system/contextSwitches"].a, stat_value(stat, "ctxt"));
    EXPECT_EQ(reading["system/interrupts"].a, stat_value(stat, "intr"));
    EXPECT_EQ(reading["system/forks"].a, stat_value(stat, "processes"));
    EXPECT_EQ(reading["system/totalContextSwitches"].a, stat_value(stat, "ctxt"));
    EXPECT_EQ(reading["system/totalInterrupts"].a, stat_value(stat, "intr"));
    EXPECT_EQ(reading["system/totalForks"].a, stat_value(stat, "processes"));

    ASSERT_GT(numeric_entries(proc), 10u);
    EXPECT_EQ(reading["system/processes"].a, static_cast<double>(numeric_entries(proc)));
}

TEST(TheSystemCollector, CountsTheProcessesOfTheLiveProcLikeAListingDoes) {
    SystemCollector collector("/proc");
    // Processes come and go: compare with a listing that did not change around the read.
    for (int attempt = 0; attempt < 20; ++attempt) {
        const auto before = numeric_entries("/proc");
        const auto reading = read_collector(collector);
        if (before == numeric_entries("/proc")) {
            EXPECT_EQ(reading["system/processes"].a, static_cast<double>(before));
            EXPECT_GE(reading["system/threads"].a, reading["system/processes"].a);
            EXPECT_GT(reading["system/uptime"].a, 0);
            return;
        }
    }
    GTEST_SKIP() << "/proc never held still";
}

class ASystemCollectorOnATempDir : public ::testing::Test {
protected:
    TempDir dir;
};

TEST_F(ASystemCollectorOnATempDir, CountsOnlyEntriesNamedByDigitsAndSeesThemChange) {
    for (const char* name : {"1", "42", "31337", "self", "12a", "net", "0x10"}) {
        dir.make_dir(name);
    }
    dir.write("77", "");  // numeric files count too: in /proc only processes are
    SystemCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["system/processes"].a, 4.0);

    std::filesystem::remove(dir.path() + "/42");
    dir.make_dir("9");
    dir.make_dir("10");
    EXPECT_EQ(read_collector(collector)["system/processes"].a, 5.0)
        << "listed again from the start";
}

TEST_F(ASystemCollectorOnATempDir, CountsMoreEntriesThanOneBufferHolds) {
    for (int pid = 1; pid <= 3000; ++pid) {
        dir.make_dir(std::to_string(pid * 7));
    }
    SystemCollector collector(dir.path());
    EXPECT_EQ(read_collector(collector)["system/processes"].a, 3000.0);
}

TEST_F(ASystemCollectorOnATempDir, GivesContextSwitchesInterruptsAndForksPerSecond) {
    dir.write("stat", stat_text(1000, 500, 40, 2));
    SystemCollector collector(dir.path());
    const auto before = read_collector(collector);
    dir.write("stat", stat_text(1600, 900, 46, 3));
    const auto after = read_collector(collector);
    EXPECT_DOUBLE_EQ(rate(before, after, "system/contextSwitches", 2.0), 300.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system/interrupts", 2.0), 200.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "system/forks", 2.0), 3.0);
    EXPECT_EQ(after["system/running"].a, 3.0);
}

TEST_F(ASystemCollectorOnATempDir, GivesNoRateWhenACounterGoesBackwards) {
    dir.write("stat", stat_text(1000, 500, 40, 2));
    SystemCollector collector(dir.path());
    const auto before = read_collector(collector);
    dir.write("stat", stat_text(10, 600, 40, 2));
    const auto after = read_collector(collector);
    EXPECT_EQ(rate(before, after, "system/contextSwitches"), 0.0);
    EXPECT_EQ(rate(before, after, "system/interrupts"), 100.0);
}

TEST_F(ASystemCollectorOnATempDir, ReadsUptimeAndThreads) {
    dir.write("uptime", "12345.67 23456.78\n");
    dir.write("loadavg", "0.49 0.22 0.07 3/812 4242\n");
    SystemCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["system/uptime"].a, 12345.67);
    EXPECT_EQ(reading["system/threads"].a, 812.0);
}

TEST_F(ASystemCollectorOnATempDir, GivesMissingValuesForGarbageOrCutFiles) {
    dir.write("uptime", "up for ages\n");
    dir.write("loadavg", "0.49 0.22 0.07 3/");
    dir.write("stat", "cpu  1 2 3 4\nctxt\nintr x 1\nprocesses 12 extra\nprocs_run");
    SystemCollector collector(dir.path());
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    for (const char* id : {"system/uptime", "system/threads", "system/running",
                           "system/contextSwitches", "system/interrupts"}) {
        EXPECT_FALSE(reading[id].present()) << id;
    }
    EXPECT_EQ(reading["system/forks"].a, 12.0);
    EXPECT_EQ(reading["system/processes"].a, 0.0) << "a directory with no pid in it";
}

TEST_F(ASystemCollectorOnATempDir, GivesMissingValuesWithoutThrowingWhenNothingIsThere) {
    SystemCollector collector(dir.path() + "/nowhere");
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    EXPECT_EQ(present_ids(reading), std::vector<std::string>{});
}

TEST(CountNumericEntries, StopsAtARecordCutShortOrOfAnImpossibleLength) {
    // Two records: "123" then one whose length runs past the end.
    std::vector<std::byte> buffer(48);
    const auto put = [&](std::size_t at, std::uint16_t length, const char* name) {
        std::memcpy(buffer.data() + at + 16, &length, sizeof length);
        std::memcpy(buffer.data() + at + 19, name, std::strlen(name) + 1);
    };
    put(0, 24, "123");
    put(24, 200, "456");
    EXPECT_EQ(count_numeric_entries(buffer), 1u);
    put(24, 0, "456");
    EXPECT_EQ(count_numeric_entries(buffer), 1u) << "a zero length must not loop forever";
    put(24, 24, "456");
    EXPECT_EQ(count_numeric_entries(buffer), 2u);
    EXPECT_EQ(count_numeric_entries(std::span(buffer).first(30)), 1u);
}

}  // namespace
}  // namespace vitalsd
