// SPDX-License-Identifier: MIT
// Reads /proc/PID/stat and /proc/PID/cmdline, documented in
// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html
#include "process_table.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <optional>
#include <string_view>

#include "parse.hpp"

namespace vitalsd {
namespace {

constexpr std::uint64_t kMinBaselineAgeUsec = 100'000;
constexpr std::uint64_t kMaxBaselineAgeUsec = 5'000'000;

// Reads a small file relative to a directory fd into buffer; nullopt when it cannot.
std::optional<std::string_view> read_at(int dir, const char* name, std::string& buffer) {
    const int fd = ::openat(dir, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::nullopt;
    }
    buffer.resize(4096);
    std::size_t used = 0;
    for (;;) {
        if (used == buffer.size()) {
            buffer.resize(buffer.size() * 2);
        }
        const ssize_t n = ::read(fd, buffer.data() + used, buffer.size() - used);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ::close(fd);
            if (n < 0) {
                return std::nullopt;
            }
            return std::string_view(buffer.data(), used);
        }
        used += static_cast<std::size_t>(n);
    }
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
      ticks_per_second_(static_cast<double>(sysconf(_SC_CLK_TCK))),
      page_size_(static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE))) {}

bool ProcessTable::has_baseline() const {
    const auto now_usec = clock_.monotonic_usec();
    if (scans_ == 0 || now_usec < last_scan_usec_) {
        return false;
    }
    const auto age = now_usec - last_scan_usec_;
    return age >= kMinBaselineAgeUsec && age <= kMaxBaselineAgeUsec;
}

std::vector<ProcessInfo> ProcessTable::scan() {
    const auto now_usec = clock_.monotonic_usec();
    std::vector<ProcessInfo> rows;
    DIR* proc = ::opendir(proc_root_.c_str());
    if (proc == nullptr) {
        return rows;
    }
    const double elapsed_s =
        scans_ > 0 ? static_cast<double>(now_usec - last_scan_usec_) / 1e6 : 0.0;
    ++scans_;
    std::string buffer;
    while (const dirent* entry = ::readdir(proc)) {
        const auto pid = parse::number<std::uint32_t>(entry->d_name);
        if (!pid) {
            continue;
        }
        const int dir = ::openat(::dirfd(proc), entry->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0) {
            continue;  // exited since readdir
        }
        const auto stat_text = read_at(dir, "stat", buffer);
        const auto fields = stat_text ? parse_process_stat(*stat_text) : std::nullopt;
        if (!fields) {
            ::close(dir);
            continue;
        }
        auto [it, is_new] = known_.try_emplace(*pid);
        Known& known = it->second;
        if (is_new || known.start_time != fields->start_time) {
            struct stat owner {};
            known.uid = ::fstat(dir, &owner) == 0 ? owner.st_uid : 0;
            const auto raw = read_at(dir, "cmdline", buffer);
            known.command_line = raw ? command_line_from(*raw) : std::string();
            known.start_time = fields->start_time;
            known.cpu_ticks = 0;  // a process new since the last scan spent all its time since
        }
        double cpu_percent = 0;
        if (elapsed_s > 0 && fields->cpu_ticks >= known.cpu_ticks) {
            cpu_percent = 100.0 * static_cast<double>(fields->cpu_ticks - known.cpu_ticks) /
                          ticks_per_second_ / elapsed_s;
        }
        ::close(dir);
        known.cpu_ticks = fields->cpu_ticks;
        known.seen_in_scan = scans_;
        rows.push_back({*pid, fields->ppid, known.uid, std::string(fields->name),
                        std::string(1, fields->state), cpu_percent, fields->rss_pages * page_size_,
                        fields->threads, known.command_line});
    }
    ::closedir(proc);
    std::erase_if(known_, [&](const auto& item) { return item.second.seen_in_scan != scans_; });
    last_scan_usec_ = now_usec;
    return rows;
}

}  // namespace vitalsd
