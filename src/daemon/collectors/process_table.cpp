// SPDX-License-Identifier: MIT
// Reads /proc/PID/stat and /proc/PID/cmdline, documented in
// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
#include "process_table.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "dirents.hpp"
#include "fd_read.hpp"
#include "parse.hpp"

namespace vitalsd {
namespace {

constexpr rlim_t kReservedFds = 64;

// Calls fn(pid) for every entry of a listing of /proc that is named by a pid.
template <typename Fn>
void for_each_pid(std::span<const std::byte> listing, Fn&& fn) {
    for_each_dirent(listing, [&](std::string_view name) {
        if (const auto pid = parse::number<std::uint32_t>(name)) {
            fn(*pid);
        }
    });
}

std::string command_line_from(std::string_view raw) {
    while (!raw.empty() && raw.back() == '\0') {
        raw.remove_suffix(1);
    }
    std::string line(raw);
    std::replace(line.begin(), line.end(), '\0', ' ');
    return line;
}

}  // namespace

std::optional<ProcessStat> parse_process_stat(std::string_view text) {
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        return std::nullopt;
    }
    ProcessStat fields;
    fields.name = text.substr(open + 1, close - open - 1);
    auto rest = text.substr(close + 1);
    std::array<std::uint64_t, 25> numbers{};  // fields 4 .. 24
    const auto state = parse::next_field(rest);
    if (state.size() != 1) {
        return std::nullopt;
    }
    fields.state = state[0];
    for (std::size_t field = 4; field <= 24; ++field) {
        // Signed fields (priority, nice) are never needed; parse them as text and skip.
        const auto text_field = parse::next_field(rest);
        if (text_field.empty()) {
            return std::nullopt;
        }
        numbers[field] = parse::number<std::uint64_t>(text_field).value_or(0);
    }
    fields.ppid = static_cast<std::uint32_t>(numbers[4]);
    fields.cpu_ticks = numbers[14] + numbers[15];
    fields.threads = static_cast<std::uint32_t>(numbers[20]);
    fields.start_time = numbers[22];
    fields.rss_pages = numbers[24];
    return fields;
}

ProcessTable::ProcessTable(std::string proc_root, const Clock& clock)
    : proc_root_(std::move(proc_root)),
      clock_(clock),
      proc_fd_(::open(proc_root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)),
      ticks_per_second_(static_cast<double>(sysconf(_SC_CLK_TCK))),
      page_size_(static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE))) {}

ProcessTable::~ProcessTable() {
    for (auto& [pid, known] : known_) {
        forget(known);
    }
    if (proc_fd_ >= 0) {
        ::close(proc_fd_);
    }
}

void ProcessTable::forget(Known& known) {
    if (known.stat_fd >= 0) {
        ::close(known.stat_fd);
        known.stat_fd = -1;
        --kept_;
    }
}

std::optional<std::string_view> ProcessTable::read_new(std::uint32_t pid, Known& known) {
    forget(known);
    const auto name = std::to_string(pid);
    const int dir = ::openat(proc_fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        return std::nullopt;  // exited since it was listed
    }
    if (kept_ < keep_limit_) {
        known.stat_fd = ::openat(dir, "stat", O_RDONLY | O_CLOEXEC);  // -1 when fds ran short
        kept_ += known.stat_fd >= 0 ? 1 : 0;
    }
    const auto text = known.stat_fd >= 0 ? read_whole_file(known.stat_fd, buffer_)
                                         : read_file_at(dir, "stat", buffer_);
    if (text) {
        read_owner_and_command_line_at(dir, known);
    }
    ::close(dir);
    return text;
}

void ProcessTable::read_owner_and_command_line_at(int pid_dir, Known& known) {
    struct stat owner {};
    known.uid = ::fstat(pid_dir, &owner) == 0 ? owner.st_uid : 0;
    std::vector<char> cmdline_buffer;
    const auto raw = read_file_at(pid_dir, "cmdline", cmdline_buffer);
    known.command_line = raw ? command_line_from(*raw) : std::string();
}

void ProcessTable::read_owner_and_command_line(std::uint32_t pid, Known& known) {
    const int dir =
        ::openat(proc_fd_, std::to_string(pid).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        read_owner_and_command_line_at(dir, known);
        ::close(dir);
    }
}

std::optional<std::string_view> ProcessTable::read_stat(std::uint32_t pid, Known& known,
                                                        bool& is_new) {
    if (!is_new) {
        if (known.stat_fd >= 0) {
            if (auto text = read_whole_file(known.stat_fd, buffer_); text && !text->empty()) {
                return text;
            }
            // ESRCH: the process we kept open was reaped; this pid is a new process.
        } else {
            const auto path = std::to_string(pid) + "/stat";
            return read_file_at(proc_fd_, path.c_str(), buffer_);
        }
        is_new = true;
    }
    return read_new(pid, known);
}

std::vector<ProcessRow> ProcessTable::scan() {
    const auto now_usec = clock_.monotonic_usec();
    std::vector<ProcessRow> rows;
    if (proc_fd_ < 0) {
        return rows;
    }
    const double elapsed_s =
        scans_ > 0 ? static_cast<double>(now_usec - last_scan_usec_) / 1e6 : 0.0;
    ++scans_;
    // Keep files open only while that leaves descriptors for the bus and for reading the
    // processes that cannot be kept.
    rlimit limit{};
    keep_limit_ = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur > kReservedFds
                      ? static_cast<std::size_t>(limit.rlim_cur - kReservedFds)
                      : 0;
    // A listing that fails lists nobody: every process is forgotten, as if all had exited.
    const auto listing = read_directory(proc_fd_, listing_).value_or(std::span<const std::byte>());
    for_each_pid(listing, [&](std::uint32_t pid) {
        auto [it, is_new] = known_.try_emplace(pid);
        Known& known = it->second;
        const auto text = read_stat(pid, known, is_new);
        const auto fields = text ? parse_process_stat(*text) : std::nullopt;
        if (!fields) {
            return;  // exited during the scan: forgotten below
        }
        if (is_new || known.start_time != fields->start_time) {
            known.start_time = fields->start_time;
            known.cpu_ticks = 0;  // a process new since the last scan spent all its time since
        }
        if (known.name != fields->name) {
            // An exec renames the process (a fork seen before its exec, sudo, a shell's exec):
            // its command line and maybe its owner changed with it. Checking costs no call.
            if (!is_new) {
                read_owner_and_command_line(pid, known);
            }
            known.name = fields->name;
        }
        double cpu_percent = 0;
        if (elapsed_s > 0 && fields->cpu_ticks >= known.cpu_ticks) {
            cpu_percent = 100.0 * static_cast<double>(fields->cpu_ticks - known.cpu_ticks) /
                          ticks_per_second_ / elapsed_s;
        }
        known.cpu_ticks = fields->cpu_ticks;
        known.seen_in_scan = scans_;
        rows.push_back({pid, fields->ppid, known.uid, known.name, std::string(1, fields->state),
                        cpu_percent, fields->rss_pages * page_size_, fields->threads,
                        known.command_line});
    });
    for (auto it = known_.begin(); it != known_.end();) {
        if (it->second.seen_in_scan == scans_) {
            ++it;
        } else {
            forget(it->second);  // exited
            it = known_.erase(it);
        }
    }
    last_scan_usec_ = now_usec;
    return rows;
}

void raise_open_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

}  // namespace vitalsd
