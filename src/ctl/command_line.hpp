// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bus_choice.hpp"

namespace vitalsd::ctl {

enum class Command { None, Status, Start, Stop, Restart, Sensors, Get, Watch, Top, History };

enum class ProcessOrder { Cpu, Memory, Pid };

/// Everything the command line asks for; commands read only what concerns them.
struct Invocation {
    Command command = Command::None;
    BusChoice bus = BusChoice::User;
    bool json = false;
    bool color = true;  // --no-color clears it; a terminal is still needed for colour
    bool show_help = false;
    bool show_version = false;

    std::vector<std::string> sensors;  // ids or patterns (sensors, get, watch, history)
    bool raw = false;                  // get --raw
    bool openmetrics = false;          // get --openmetrics
    std::uint32_t interval_ms = 1000;  // watch -i, top -i
    bool interval_given = false;
    std::optional<std::size_t> process_count;  // top -n; none: fit the screen, or all when piped
    ProcessOrder order = ProcessOrder::Cpu;    // top --sort
    bool applications = false;                 // top --apps
    std::uint64_t since_usec = 60'000'000;     // history --since, a duration back from now
};

/// A command line that cannot be carried out; the message is fit for the user.
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Parses the arguments after the program name. Global options may stand before or after the
/// command. Throws UsageError.
Invocation parse_command_line(const std::vector<std::string>& args);

/// Returns the duration "500ms", "90s", "5m", "2h" or a bare number of seconds in microseconds.
/// Throws UsageError.
std::uint64_t parse_duration_usec(const std::string& text);

/// Returns the --help text.
std::string usage_text();

/// Returns the name the user types for a command ("status", ...).
const char* command_name(Command command);

}  // namespace vitalsd::ctl
