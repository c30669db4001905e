// SPDX-License-Identifier: MIT
#include "command_line.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

namespace vitalsd::ctl {
namespace {

constexpr std::array<std::pair<const char*, Command>, 9> kCommands = {{
    {"status", Command::Status},
    {"start", Command::Start},
    {"stop", Command::Stop},
    {"restart", Command::Restart},
    {"sensors", Command::Sensors},
    {"get", Command::Get},
    {"watch", Command::Watch},
    {"top", Command::Top},
    {"history", Command::History},
}};

template <typename Number>
std::optional<Number> whole_number(std::string_view text) {
    Number value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

// The options that take a value, by every spelling; the value follows after '=', glued to a
// short option (-i500), or as the next argument.
enum class Valued { Interval, Count, Sort, Since };

std::optional<Valued> valued_option(std::string_view name) {
    if (name == "-i" || name == "--interval") {
        return Valued::Interval;
    }
    if (name == "-n" || name == "--count") {
        return Valued::Count;
    }
    if (name == "--sort") {
        return Valued::Sort;
    }
    if (name == "--since") {
        return Valued::Since;
    }
    return std::nullopt;
}

ProcessOrder parse_order(const std::string& text) {
    if (text == "cpu") {
        return ProcessOrder::Cpu;
    }
    if (text == "mem" || text == "memory") {
        return ProcessOrder::Memory;
    }
    if (text == "pid") {
        return ProcessOrder::Pid;
    }
    throw UsageError("--sort wants cpu, mem or pid, not '" + text + "'");
}

// Splits "--name=value" and "-xVALUE" into the option's name and its glued value.
std::pair<std::string, std::optional<std::string>> split_option(const std::string& arg) {
    if (arg.starts_with("--")) {
        const auto eq = arg.find('=');
        if (eq == std::string::npos) {
            return {arg, std::nullopt};
        }
        return {arg.substr(0, eq), arg.substr(eq + 1)};
    }
    if (arg.size() > 2) {
        return {arg.substr(0, 2), arg.substr(2)};
    }
    return {arg, std::nullopt};
}

// Which command each command-specific option belongs to, checked once the command is known.
struct Seen {
    bool raw = false;
    bool interval = false;
    bool count = false;
    bool sort = false;
    bool since = false;
};

void check_options_fit(const Invocation& inv, const Seen& seen) {
    const auto only = [&](bool given, const char* option, bool fits, const char* commands) {
        if (given && !fits) {
            throw UsageError(std::string(option) + " applies to " + commands + " only");
        }
    };
    const Command c = inv.command;
    only(seen.raw, "--raw", c == Command::Get, "get");
    only(seen.interval, "-i/--interval", c == Command::Watch || c == Command::Top, "watch and top");
    only(seen.count, "-n/--count", c == Command::Top, "top");
    only(seen.sort, "--sort", c == Command::Top, "top");
    only(seen.since, "--since", c == Command::History, "history");

    const bool takes_sensors =
        c == Command::Sensors || c == Command::Get || c == Command::Watch || c == Command::History;
    if (!takes_sensors && !inv.sensors.empty()) {
        throw UsageError(std::string(command_name(c)) + " takes no arguments, not '" +
                         inv.sensors.front() + "'");
    }
    if (c == Command::History && inv.sensors.empty()) {
        throw UsageError("history wants at least one sensor (an id or a pattern)");
    }
}

}  // namespace

const char* command_name(Command command) {
    for (const auto& [name, known] : kCommands) {
        if (known == command) {
            return name;
        }
    }
    return "";
}

std::uint64_t parse_duration_usec(const std::string& text) {
    const auto digits_end = text.find_first_not_of("0123456789");
    const auto number = whole_number<std::uint64_t>(text.substr(0, digits_end));
    const std::string suffix = digits_end == std::string::npos ? "" : text.substr(digits_end);
    std::uint64_t unit_usec = 0;
    if (suffix.empty() || suffix == "s") {
        unit_usec = 1'000'000;
    } else if (suffix == "ms") {
        unit_usec = 1'000;
    } else if (suffix == "m" || suffix == "min") {
        unit_usec = 60'000'000;
    } else if (suffix == "h") {
        unit_usec = 3'600'000'000;
    }
    // A week is far more than any history kept; the bound keeps the product from overflowing.
    constexpr std::uint64_t kLongest = 7ull * 24 * 3'600'000'000;
    if (!number || unit_usec == 0 || *number > kLongest / unit_usec) {
        throw UsageError("'" + text + "' is not a duration such as 500ms, 90s, 5m or 2h");
    }
    return *number * unit_usec;
}

Invocation parse_command_line(const std::vector<std::string>& args) {
    Invocation inv;
    Seen seen;
    bool only_operands = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool is_option = !only_operands && arg.size() > 1 && arg[0] == '-';
        if (!is_option) {
            if (inv.command == Command::None) {
                for (const auto& [name, command] : kCommands) {
                    if (arg == name) {
                        inv.command = command;
                    }
                }
                if (inv.command == Command::None) {
                    throw UsageError("unknown command '" + arg + "'");
                }
            } else {
                inv.sensors.push_back(arg);
            }
            continue;
        }
        if (arg == "--") {
            only_operands = true;
            continue;
        }
        const auto [name, glued] = split_option(arg);
        if (const auto valued = valued_option(name)) {
            std::string value;
            if (glued) {
                value = *glued;
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                throw UsageError(name + " needs a value");
            }
            switch (*valued) {
                case Valued::Interval: {
                    const auto ms = whole_number<std::uint32_t>(value);
                    if (!ms || *ms == 0) {
                        throw UsageError(name + " wants milliseconds, not '" + value + "'");
                    }
                    inv.interval_ms = *ms;
                    inv.interval_given = seen.interval = true;
                    break;
                }
                case Valued::Count: {
                    const auto count = whole_number<std::size_t>(value);
                    if (!count || *count == 0) {
                        throw UsageError(name + " wants a number of processes, not '" + value +
                                         "'");
                    }
                    inv.process_count = *count;
                    seen.count = true;
                    break;
                }
                case Valued::Sort:
                    inv.order = parse_order(value);
                    seen.sort = true;
                    break;
                case Valued::Since:
                    inv.since_usec = parse_duration_usec(value);
                    seen.since = true;
                    break;
            }
            continue;
        }
        if (glued) {
            if (arg.starts_with("--")) {
                throw UsageError(name + " takes no value");
            }
            throw UsageError("unknown option '" + arg + "'");
        }
        if (arg == "--system") {
            inv.bus = BusChoice::System;
        } else if (arg == "--user" || arg == "--session") {
            inv.bus = BusChoice::User;
        } else if (arg == "--json") {
            inv.json = true;
        } else if (arg == "--no-color") {
            inv.color = false;
        } else if (arg == "--raw") {
            inv.raw = seen.raw = true;
        } else if (arg == "-h" || arg == "--help") {
            inv.show_help = true;
        } else if (arg == "-V" || arg == "--version") {
            inv.show_version = true;
        } else {
            throw UsageError("unknown option '" + arg + "'");
        }
    }
    if (inv.show_help || inv.show_version) {
        return inv;
    }
    if (inv.command == Command::None) {
        throw UsageError("no command given");
    }
    check_options_fit(inv, seen);
    if (inv.command == Command::Top && !inv.interval_given) {
        inv.interval_ms = 2000;  // a process table needs a moment to read
    }
    return inv;
}

std::string usage_text() {
    return R"(Usage: vitalsctl [OPTION]... COMMAND [ARGUMENT]...
Talk to vitalsd, the service that serves this system's vitals over D-Bus.

Commands:
  status                      whether the service runs (never starts it), and its state;
                              exit status 0 when running, 3 when not
  start                       start the service (the bus activates it)
  stop                        ask the service to exit and wait until it has gone
  restart                     stop, then start
  sensors [PATTERN]...        list sensors: id, unit and label
  get [SENSOR|PATTERN]...     read sensors now (none: every sensor)
  watch [-i MS] [SENSOR|PATTERN]...
                              show live values every MS milliseconds (default 1000); on a
                              terminal a dashboard redrawn in place, else one line an update.
                              Without sensors: CPU, memory, swap and load
  top [-n N] [--sort cpu|mem|pid] [-i MS]
                              the process table, refreshed every MS (default 2000) on a
                              terminal, printed once when piped
  history SENSOR... [--since DURATION]
                              samples recorded in the last DURATION (default 60s; also 500ms,
                              5m, 2h)

A sensor is an id such as cpu/all/usage or a pattern in which a segment that is exactly '*'
matches any one segment: cpu/*/usage, memory/*/used.

Options:
  --user                      use the session bus (the default)
  --system                    use the system bus
  --json                      print one JSON document (JSON lines for watch)
  --raw                       get: plain numbers, without units or scaling
  --no-color                  no colours, even on a terminal (so does NO_COLOR)
  -h, --help                  print this help and exit
  -V, --version               print the version and exit

Exit status: 0 on success, 1 when the service or the bus refuses, 2 for a bad command line;
status: 3 when the service is not running, 4 when the bus cannot be reached.
)";
}

}  // namespace vitalsd::ctl
