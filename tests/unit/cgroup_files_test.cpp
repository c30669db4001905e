// SPDX-License-Identifier: MIT
#include "collectors/cgroup_files.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

std::string fixture_file(const std::string& relative) {
    return test::read_text(test::fixture_path(relative));
}

TEST(ParseCpuUsage, ReadsUsageUsecOfACgroupWithTheCpuController) {
    EXPECT_EQ(parse_cpu_usage_usec(
                  "usage_usec 95000000\nuser_usec 71250000\nsystem_usec 23750000\nnice_usec 0\n"
                  "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n"),
              95000000.0);
    EXPECT_EQ(parse_cpu_usage_usec(fixture_file(
                  "cgroups-gnome/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/"
                  "app.slice/app-gnome-firefox\\x2desr-4242.scope/cpu.stat")),
              95000000.0);
}

TEST(ParseCpuUsage, ReadsTheFourCoreLinesOfACgroupWithoutIt) {
    EXPECT_EQ(parse_cpu_usage_usec(fixture_file("cgroups-hybrid/sys/fs/cgroup/unified/"
                                                "system.slice/systemd-journald.service/cpu.stat")),
              1600000.0);
    EXPECT_EQ(parse_cpu_usage_usec("usage_usec 14062672672\nuser_usec 11866649198\n"
                                   "system_usec 2196023473\nnice_usec 0"),
              14062672672.0)
        << "no newline at the end";
}

TEST(ParseCpuUsage, FindsTheLineWhereverItIs) {
    EXPECT_EQ(parse_cpu_usage_usec("user_usec 3\nsystem_usec 1\nusage_usec 4\n"), 4.0);
    EXPECT_EQ(parse_cpu_usage_usec("usage_usec\t7\n"), 7.0) << "a tab between name and number";
}

TEST(ParseCpuUsage, ReadsTheLargestCounterAndRefusesOneBeyondIt) {
    EXPECT_EQ(parse_cpu_usage_usec("usage_usec 18446744073709551615\n"), 18446744073709551615.0);
    EXPECT_TRUE(std::isnan(parse_cpu_usage_usec("usage_usec 18446744073709551616\n")));
}

TEST(ParseCpuUsage, GivesMissingWithoutAUsageLineOrANumberInIt) {
    for (const char* text :
         {"", "\n", "user_usec 5\nsystem_usec 6\n", "usage_usec\n", "usage_usec \n",
          "usage_usec -5\n", "usage_usec +5\n", "usage_usec 5x\n", "usage_usec 1.5\n",
          "usage_usecs 5\n", "Usage_usec 5\n", "xusage_usec 5\n", "usage_usec=5\n"}) {
        EXPECT_TRUE(std::isnan(parse_cpu_usage_usec(text))) << text;
    }
}

TEST(ParseCpuUsage, TakesTheFirstOfTwoUsageLines) {
    EXPECT_EQ(parse_cpu_usage_usec("usage_usec 1\nusage_usec 2\n"), 1.0);
    EXPECT_TRUE(std::isnan(parse_cpu_usage_usec("usage_usec x\nusage_usec 2\n")))
        << "the first one decides, garbled or not";
}

TEST(ParseIoStat, SumsTheBytesOfEveryDevice) {
    const auto bytes = parse_io_stat(
        "8:0 rbytes=1048576 wbytes=0 rios=32 wios=0 dbytes=0 dios=0\n"
        "259:0 rbytes=3145728 wbytes=2097152 rios=96 wios=32 dbytes=0 dios=0\n");
    EXPECT_EQ(bytes.read, 4194304.0);
    EXPECT_EQ(bytes.written, 2097152.0);
    const auto udev = parse_io_stat(
        fixture_file("cgroups-gnome/sys/fs/cgroup/system.slice/systemd-udevd.service/io.stat"));
    EXPECT_EQ(udev.read, 4194304.0);
    EXPECT_EQ(udev.written, 0.0);
}

TEST(ParseIoStat, GivesNothingReadOrWrittenForAnEmptyFile) {
    // The kernel lists only the devices a cgroup did I/O on.
    for (const char* text : {"", "\n"}) {
        const auto bytes = parse_io_stat(text);
        EXPECT_EQ(bytes.read, 0.0);
        EXPECT_EQ(bytes.written, 0.0);
    }
}

TEST(ParseIoStat, SkipsTheFieldsItDoesNotSum) {
    // io.cost and io.latency add fields of their own to the same lines.
    const auto bytes = parse_io_stat(
        "259:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=30 dios=3 cost.vrate=100.00 "
        "cost.usage=5 cost.wait=0 cost.indebt=0 cost.indelay=0 depth=1 avg_lat=140 win=100\n");
    EXPECT_EQ(bytes.read, 10.0);
    EXPECT_EQ(bytes.written, 20.0);
}

TEST(ParseIoStat, ReadsALineWithoutANewlineOrOneOfTheTwoCounters) {
    const auto bytes = parse_io_stat("8:0 rbytes=5 rios=1\n8:16 wbytes=7 wios=1");
    EXPECT_EQ(bytes.read, 5.0);
    EXPECT_EQ(bytes.written, 7.0);
}

TEST(ParseIoStat, GivesMissingBytesWhenANumberIsGarbled) {
    for (const char* text : {"8:0 rbytes= wbytes=1\n", "8:0 rbytes=1 wbytes=x\n",
                             "8:0 rbytes=1 wbytes=2\n8:16 rbytes=-1 wbytes=2\n",
                             "8:0 rbytes=18446744073709551616 wbytes=0\n"}) {
        const auto bytes = parse_io_stat(text);
        EXPECT_TRUE(std::isnan(bytes.read)) << text;
        EXPECT_TRUE(std::isnan(bytes.written)) << text;
    }
}

TEST(ParseIoStat, TakesTheFirstFieldOfALineForTheDevice) {
    // A line always begins with major:minor; what stands there is never counted.
    const auto bytes = parse_io_stat("rbytes=5 wbytes=6\n");
    EXPECT_EQ(bytes.read, 0.0);
    EXPECT_EQ(bytes.written, 6.0);
}

TEST(CountListedProcesses, CountsOnePidALine) {
    EXPECT_EQ(count_listed_processes("4242\n4290\n4311\n4377\n"), 4u);
    EXPECT_EQ(count_listed_processes("1"), 1u) << "no newline at the end";
    EXPECT_EQ(count_listed_processes(fixture_file("cgroups-gnome/sys/fs/cgroup/cgroup.procs")),
              12u);
}

TEST(CountListedProcesses, CountsNothingInAnEmptyListOrBlankLines) {
    EXPECT_EQ(count_listed_processes(""), 0u);
    EXPECT_EQ(count_listed_processes("\n"), 0u);
    EXPECT_EQ(count_listed_processes("12\n\n \n13\n"), 2u);
}

TEST(ParseListedProcesses, AppendsThePidOfEachLine) {
    std::vector<std::uint32_t> pids{7};
    parse_listed_processes("4242\n4290\n4311\n4377", pids);
    EXPECT_EQ(pids, (std::vector<std::uint32_t>{7, 4242, 4290, 4311, 4377}))
        << "after those there were, the last line without a newline";
}

TEST(ParseListedProcesses, LeavesOutALineThatIsNoPid) {
    std::vector<std::uint32_t> pids;
    parse_listed_processes("1\nx\n-5\n+6\n4294967296\n99999999999999999999\n\n 12 \n4294967295\n",
                           pids);
    EXPECT_EQ(pids, (std::vector<std::uint32_t>{1, 12, 4294967295u}));
}

}  // namespace
}  // namespace vitalsd
