// SPDX-License-Identifier: MIT
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "collectors/process_table.hpp"
#include "fake_clock.hpp"
#include "temp_dir.hpp"

namespace vitalsd::test {

/// Returns a /proc/PID/stat line with the fields the process table reads; the others are filler.
inline std::string stat_line(std::uint32_t pid, const std::string& comm, char state,
                             std::uint32_t ppid, std::uint64_t utime, std::uint64_t stime,
                             std::uint32_t threads, std::uint64_t start_time,
                             std::uint64_t rss_pages) {
    return std::to_string(pid) + " (" + comm + ") " + state + " " + std::to_string(ppid) +
           " 1 1 0 -1 4194560 100 0 0 0 " + std::to_string(utime) + " " + std::to_string(stime) +
           " 0 0 20 0 " + std::to_string(threads) + " 0 " + std::to_string(start_time) +
           " 1000000 " + std::to_string(rss_pages) +
           " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
}

/// Returns the rows by pid.
inline std::map<std::uint32_t, ProcessRow> by_pid(std::vector<ProcessRow> rows) {
    std::map<std::uint32_t, ProcessRow> by_pid;
    for (auto& row : rows) {
        by_pid.emplace(row.pid, std::move(row));
    }
    return by_pid;
}

/// Processes written by hand into a temporary proc tree, owned by the user running the test, and
/// a process table reading that tree on a fake clock.
class FakeProcesses : public ::testing::Test {
protected:
    /// Adds the pid directory of a running process named comm that has spent utime ticks in
    /// user mode, with its command line as /proc/PID/cmdline holds it (arguments ended by NULs).
    void add(std::uint32_t pid, const std::string& comm, std::uint64_t utime,
             const std::string& cmdline = std::string("prog\0--flag\0", 12)) {
        std::filesystem::create_directory(dir.path() + "/" + std::to_string(pid));
        set_times(pid, comm, utime);
        dir.write(std::to_string(pid) + "/cmdline", cmdline);
    }

    /// Rewrites the process's stat: now named comm, with utime ticks spent in user mode.
    void set_times(std::uint32_t pid, const std::string& comm, std::uint64_t utime) {
        dir.write(std::to_string(pid) + "/stat",
                  stat_line(pid, comm, 'R', 1, utime, 0, 3, 500, 10));
    }

    TempDir dir;
    FakeClock clock;
    ProcessTable table{dir.path(), clock};
};

}  // namespace vitalsd::test
