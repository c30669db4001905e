// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clock.hpp"
#include "wire.hpp"

namespace vitalsd {

/// What the service takes from /proc/PID/stat.
struct ProcessStat {
    std::string_view name;  // points into the parsed text
    char state = '?';
    std::uint32_t ppid = 0;
    std::uint64_t cpu_ticks = 0;  // utime + stime
    std::uint32_t threads = 0;
    std::uint64_t start_time = 0;
    std::uint64_t rss_pages = 0;
};

/// Parses the text of /proc/PID/stat ("pid (comm) state ppid ..."; comm may hold spaces,
/// parentheses and newlines, so it ends at the last ')'). Returns nullopt for a truncated or
/// garbled text.
std::optional<ProcessStat> parse_process_stat(std::string_view text);

/// The process table from /proc/PID/stat, with each process's CPU share since the previous scan.
/// A process costs one pread a scan once it is known: its stat file stays open (a kept fd answers
/// ESRCH once the process is reaped, so a reused pid is never misread), and its owner and command
/// line are read once, when it is first seen. Past what RLIMIT_NOFILE allows (less a reserve),
/// new processes are read with openat each time instead.
class ProcessTable {
public:
    ProcessTable(std::string proc_root, const Clock& clock);
    ~ProcessTable();
    ProcessTable(const ProcessTable&) = delete;
    ProcessTable& operator=(const ProcessTable&) = delete;

    /// Returns when the last scan was taken (CLOCK_MONOTONIC), which the next one measures CPU
    /// shares from; none before the first.
    std::optional<std::uint64_t> last_scan_usec() const {
        return scans_ > 0 ? std::optional(last_scan_usec_) : std::nullopt;
    }

    /// Scans every process; a process that exits during the scan is left out.
    std::vector<ProcessRow> scan();

private:
    struct Known {
        int stat_fd = -1;              // kept open; -1 when fds ran short
        std::uint64_t start_time = 0;  // tells a reused pid from the process it replaced
        std::uint64_t cpu_ticks = 0;
        // The name from stat. When it changes the process has exec'd, and its owner and command
        // line are read again.
        std::string name;
        std::uint32_t uid = 0;
        std::string command_line;
        std::uint64_t seen_in_scan = 0;
    };

    std::optional<std::string_view> read_stat(std::uint32_t pid, Known& known, bool& is_new);
    std::optional<std::string_view> read_new(std::uint32_t pid, Known& known);
    // From the open directory /proc/PID, or from the pid: two integers, so two names.
    void read_owner_and_command_line_at(int pid_dir, Known& known);
    void read_owner_and_command_line(std::uint32_t pid, Known& known);
    void forget(Known& known);

    std::string proc_root_;
    const Clock& clock_;
    int proc_fd_ = -1;
    std::vector<std::byte> listing_;  // getdents64 buffer
    std::vector<char> buffer_;        // file contents, reused
    std::unordered_map<std::uint32_t, Known> known_;
    std::size_t kept_ = 0;        // stat files kept open
    std::size_t keep_limit_ = 0;  // how many may be, from RLIMIT_NOFILE
    std::uint64_t scans_ = 0;
    std::uint64_t last_scan_usec_ = 0;
    double ticks_per_second_;
    std::uint64_t page_size_;
};

/// Raises the soft limit on open files to the hard limit, so the process table can keep a stat
/// file open per process.
void raise_open_file_limit();

}  // namespace vitalsd
