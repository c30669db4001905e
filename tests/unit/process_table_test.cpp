// SPDX-License-Identifier: MIT
#include "collectors/process_table.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "fake_processes.hpp"

namespace vitalsd {
namespace {

using test::FakeClock;

class AProcessTable : public test::FakeProcesses {
protected:
    std::map<std::uint32_t, ProcessRow> scan() { return test::by_pid(table.scan()); }
};

TEST_F(AProcessTable, ListsEveryPidDirectoryWithItsFields) {
    add(42, "worker", 7);
    dir.write("self", "not a pid");  // non-numeric entries are not processes

    const auto rows = scan();
    ASSERT_EQ(rows.size(), 1u);
    const auto& p = rows.at(42);
    EXPECT_EQ(p.ppid, 1u);
    EXPECT_EQ(p.name, "worker");
    EXPECT_EQ(p.state, "R");
    EXPECT_EQ(p.threads, 3u);
    EXPECT_EQ(p.resident_bytes, 10u * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE)));
    EXPECT_EQ(p.command_line, "prog --flag");
    EXPECT_EQ(p.uid, ::getuid()) << "the owner of the pid directory";
}

TEST_F(AProcessTable, TakesANameWithSpacesParenthesesAndNewlinesWhole) {
    add(7, "a) (b\nc", 0);

    EXPECT_EQ(scan().at(7).name, "a) (b\nc");
}

TEST_F(AProcessTable, MeasuresCpuSharesBetweenScans) {
    add(10, "busy", 100);
    add(11, "idle", 100);
    scan();
    clock.advance_ms(2000);
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    set_times(10, "busy", 100 + static_cast<std::uint64_t>(ticks));  // one second of CPU in two

    const auto rows = scan();
    EXPECT_DOUBLE_EQ(rows.at(10).cpu_percent, 50.0);
    EXPECT_DOUBLE_EQ(rows.at(11).cpu_percent, 0.0);
}

TEST_F(AProcessTable, ReadsTheCommandLineAgainAfterAnExecRenamesTheProcess) {
    add(20, "bash", 1, std::string("bash\0", 5));  // seen between fork and exec
    ASSERT_EQ(scan().at(20).command_line, "bash");
    clock.advance_ms(500);
    set_times(20, "sleep", 1);
    dir.write("20/cmdline", std::string("sleep\0"
                                        "60\0",
                                        9));

    const auto row = scan().at(20);
    EXPECT_EQ(row.name, "sleep");
    EXPECT_EQ(row.command_line, "sleep 60");
    EXPECT_EQ(row.uid, ::getuid());
}

TEST_F(AProcessTable, ShowsNoCpuShareOnTheFirstScan) {
    add(10, "busy", 5000);

    EXPECT_DOUBLE_EQ(scan().at(10).cpu_percent, 0.0);
}

TEST_F(AProcessTable, ForgetsAProcessThatExited) {
    add(10, "short", 1);
    add(11, "long", 1);
    scan();
    std::filesystem::remove_all(dir.path() + "/10");
    clock.advance_ms(500);

    const auto rows = scan();
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows.contains(11));
}

TEST_F(AProcessTable, LeavesOutAProcessWhoseStatIsTruncated) {
    add(10, "whole", 1);
    add(11, "cut", 1);
    dir.write("11/stat", "11 (cut) S 1 1");

    const auto rows = scan();
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_TRUE(rows.contains(10));
}

TEST_F(AProcessTable, TellsWhenItLastScanned) {
    add(10, "p", 1);
    EXPECT_EQ(table.last_scan_usec(), std::nullopt) << "before the first scan";
    scan();
    EXPECT_EQ(table.last_scan_usec(), FakeClock::kStartMonotonicUsec);
    clock.advance_ms(700);
    scan();
    EXPECT_EQ(table.last_scan_usec(), FakeClock::kStartMonotonicUsec + 700'000);
}

TEST_F(AProcessTable, StillListsEveryProcessWhenFileDescriptorsRunShort) {
    constexpr std::uint32_t kProcesses = 40;
    for (std::uint32_t pid = 100; pid < 100 + kProcesses; ++pid) {
        add(pid, "p" + std::to_string(pid), pid);
    }
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    // Room for a few kept files only: the rest must be read with openat each time.
    const auto open_now =
        static_cast<rlim_t>(std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                                          std::filesystem::directory_iterator{}));
    rlimit tight = saved;
    tight.rlim_cur = open_now + 10;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &tight), 0);

    const auto first = scan().size();
    clock.advance_ms(1000);
    const auto second = scan();
    ::setrlimit(RLIMIT_NOFILE, &saved);

    EXPECT_EQ(first, kProcesses);
    ASSERT_EQ(second.size(), kProcesses);
    EXPECT_EQ(second.at(139).name, "p139");
}

TEST(TheOpenFileLimit, IsRaisedToTheHardLimit) {
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    rlimit lowered = saved;
    lowered.rlim_cur = std::min<rlim_t>(saved.rlim_max, 256);
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &lowered), 0);

    raise_open_file_limit();
    rlimit now{};
    ::getrlimit(RLIMIT_NOFILE, &now);
    EXPECT_EQ(now.rlim_cur, saved.rlim_max);
    ::setrlimit(RLIMIT_NOFILE, &saved);
}

}  // namespace
}  // namespace vitalsd
