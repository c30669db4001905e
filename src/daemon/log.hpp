// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vitalsd {

/// Where log lines go.
enum class LogTarget {
    Auto,     ///< syslog when detached, the journal when stderr is connected to it, else stderr
    Journal,  ///< the systemd journal, with each line's priority
    Syslog,   ///< syslog(3), facility daemon
    Stderr,   ///< "vitalsd: message" lines on stderr
};

/// The syslog priorities the service uses (the numbers are syslog's own).
enum class LogLevel { Error = 3, Warning = 4, Notice = 5, Info = 6 };

/// Returns the target named by --log (auto, journal, syslog, stderr); none for another name.
std::optional<LogTarget> log_target_named(std::string_view name);

/// Returns the --log name of a target.
std::string_view log_target_name(LogTarget target);

/// Sends the lines logged from now on to the target; Auto decides from how the process runs
/// (detached, stderr connected to the journal through $JOURNAL_STREAM, or neither). Returns the
/// target chosen. Until it is called, lines go to stderr.
LogTarget open_log(LogTarget target, bool detached);

/// Logs one line at the given priority.
void log_line(LogLevel level, std::string_view message);

inline void log_error(std::string_view message) {
    log_line(LogLevel::Error, message);
}
inline void log_warning(std::string_view message) {
    log_line(LogLevel::Warning, message);
}
inline void log_notice(std::string_view message) {
    log_line(LogLevel::Notice, message);
}
inline void log_info(std::string_view message) {
    log_line(LogLevel::Info, message);
}

}  // namespace vitalsd
