// SPDX-License-Identifier: MIT
#include "log.hpp"

#include <sys/stat.h>
#include <syslog.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <string>

namespace vitalsd {
namespace {

constexpr const char* kIdentifier = "vitalsd";

LogTarget current_target = LogTarget::Stderr;
bool stderr_to_journal = false;  // the journal reads stderr: a "<N>" prefix carries the priority

// Returns whether stderr is the stream systemd connected to the journal: $JOURNAL_STREAM names
// its device and inode ("DEV:INO"), and a child that inherited the variable but not the stream
// must not take it for the journal (systemd.exec(5), "Environment variables in spawned
// processes").
bool stderr_is_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (stream == nullptr) {
        return false;
    }
    const std::string_view text(stream);
    const auto colon = text.find(':');
    unsigned long long device = 0;
    unsigned long long inode = 0;
    if (colon == std::string_view::npos ||
        std::from_chars(text.data(), text.data() + colon, device).ec != std::errc{} ||
        std::from_chars(text.data() + colon + 1, text.data() + text.size(), inode).ec !=
            std::errc{}) {
        return false;
    }
    struct stat st {};
    return ::fstat(STDERR_FILENO, &st) == 0 && st.st_dev == device && st.st_ino == inode;
}

// Writes the line with one write(2), so that lines from several processes never interleave.
void write_stderr(std::string_view prefix, std::string_view message) {
    std::string line;
    line.reserve(prefix.size() + message.size() + 1);
    line.append(prefix).append(message).push_back('\n');
    std::string_view left = line;
    while (!left.empty()) {
        const ssize_t n = ::write(STDERR_FILENO, left.data(), left.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;  // nowhere to log to
        }
        left.remove_prefix(static_cast<std::size_t>(n));
    }
}

void write_journal(LogLevel level, std::string_view message) {
    const int priority = static_cast<int>(level);
    if (stderr_to_journal) {
        write_stderr("<" + std::to_string(priority) + ">", message);
        return;
    }
    const int r = sd_journal_send("MESSAGE=%.*s", static_cast<int>(message.size()), message.data(),
                                  "PRIORITY=%i", priority, "SYSLOG_IDENTIFIER=%s", kIdentifier,
                                  "SYSLOG_FACILITY=%i", LOG_DAEMON >> 3, nullptr);
    if (r < 0) {
        write_stderr("vitalsd: ", message);  // no journal here: stderr is better than nothing
    }
}

}  // namespace

std::optional<LogTarget> log_target_named(std::string_view name) {
    for (const auto target :
         {LogTarget::Auto, LogTarget::Journal, LogTarget::Syslog, LogTarget::Stderr}) {
        if (log_target_name(target) == name) {
            return target;
        }
    }
    return std::nullopt;
}

std::string_view log_target_name(LogTarget target) {
    switch (target) {
        case LogTarget::Auto:
            return "auto";
        case LogTarget::Journal:
            return "journal";
        case LogTarget::Syslog:
            return "syslog";
        case LogTarget::Stderr:
            return "stderr";
    }
    return "auto";
}

LogTarget open_log(LogTarget target, bool detached) {
    const bool journal_stream = stderr_is_journal();
    if (target == LogTarget::Auto) {
        target = detached         ? LogTarget::Syslog
                 : journal_stream ? LogTarget::Journal
                                  : LogTarget::Stderr;
    }
    if (current_target == LogTarget::Syslog && target != LogTarget::Syslog) {
        ::closelog();
    }
    if (target == LogTarget::Syslog) {
        ::openlog(kIdentifier, LOG_PID, LOG_DAEMON);
    }
    stderr_to_journal = journal_stream;
    current_target = target;
    return target;
}

void log_line(LogLevel level, std::string_view message) {
    switch (current_target) {
        case LogTarget::Journal:
            write_journal(level, message);
            return;
        case LogTarget::Syslog:
            ::syslog(static_cast<int>(level), "%.*s", static_cast<int>(message.size()),
                     message.data());
            return;
        case LogTarget::Auto:
        case LogTarget::Stderr:
            write_stderr("vitalsd: ", message);
            return;
    }
}

}  // namespace vitalsd
