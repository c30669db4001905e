// SPDX-License-Identifier: MIT
#include "command_line.hpp"

#include <getopt.h>

#include <array>
#include <limits>
#include <utility>

#include "arg_vector.hpp"
#include "whole_number.hpp"

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

// The options, each applied by apply() below. Those with a short form use its letter; the
// long-only ones take values above every character.
enum : int {
    kFirstLongOnly = 0x100,
    ARG_USER = kFirstLongOnly,
    ARG_SYSTEM,
    ARG_JSON,
    ARG_NO_COLOR,
    ARG_RAW,
    ARG_SORT,
    ARG_SINCE,
    ARG_APPS,
    ARG_OPENMETRICS,
};

constexpr option kOptions[] = {
    {"user", no_argument, nullptr, ARG_USER},
    {"session", no_argument, nullptr, ARG_USER},
    {"system", no_argument, nullptr, ARG_SYSTEM},
    {"json", no_argument, nullptr, ARG_JSON},
    {"no-color", no_argument, nullptr, ARG_NO_COLOR},
    {"raw", no_argument, nullptr, ARG_RAW},
    {"openmetrics", no_argument, nullptr, ARG_OPENMETRICS},
    {"interval", required_argument, nullptr, 'i'},
    {"count", required_argument, nullptr, 'n'},
    {"sort", required_argument, nullptr, ARG_SORT},
    {"since", required_argument, nullptr, ARG_SINCE},
    {"apps", no_argument, nullptr, ARG_APPS},
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, 'V'},
    {},
};

// "+": stop at the first argument that is no option (a command or a sensor) rather than
// reorder; ":": tell a missing value apart from an unknown option.
constexpr const char* kShortOptions = "+:hVi:n:";

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

std::uint32_t interval_ms(const std::string& option, const std::string& text) {
    const auto ms = whole_number<std::uint32_t>(text);
    if (!ms || *ms == 0) {
        throw UsageError(option + " wants milliseconds, not '" + text + "'");
    }
    return *ms;
}

std::size_t process_count(const std::string& option, const std::string& text) {
    const auto count = whole_number<std::size_t>(text);
    if (!count || *count == 0) {
        throw UsageError(option + " wants a number of processes, not '" + text + "'");
    }
    return *count;
}

// Which command each command-specific option belongs to, checked once the command is known.
struct Seen {
    bool raw = false;
    bool openmetrics = false;
    bool interval = false;
    bool count = false;
    bool sort = false;
    bool since = false;
    bool apps = false;
};

void check_options_fit(const Invocation& inv, const Seen& seen) {
    const auto only = [&](bool given, const char* option, bool fits, const char* commands) {
        if (given && !fits) {
            throw UsageError(std::string(option) + " applies to " + commands + " only");
        }
    };
    const Command c = inv.command;
    only(seen.raw, "--raw", c == Command::Get, "get");
    only(seen.openmetrics, "--openmetrics", c == Command::Get, "get");
    if (inv.openmetrics && (inv.raw || inv.json)) {
        throw UsageError("--openmetrics prints its own format: not with --raw or --json");
    }
    only(seen.interval, "-i/--interval", c == Command::Watch || c == Command::Top, "watch and top");
    only(seen.count, "-n/--count", c == Command::Top, "top");
    only(seen.sort, "--sort", c == Command::Top, "top");
    only(seen.since, "--since", c == Command::History, "history");
    only(seen.apps, "--apps", c == Command::Top, "top");
    if (inv.applications && seen.sort && inv.order == ProcessOrder::Pid) {
        throw UsageError("--sort pid applies to processes only; --apps sorts by cpu or mem");
    }
}

// Whether the command takes the arguments given: sensors for some, none for the others.
void check_arguments_fit(const Invocation& inv) {
    const Command c = inv.command;
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

Command command_named(const std::string& name) {
    for (const auto& [known, command] : kCommands) {
        if (name == known) {
            return command;
        }
    }
    throw UsageError("unknown command '" + name + "'");
}

// Takes an argument that is no option: the command first, then its sensors.
void take_operand(Invocation& inv, const std::string& arg) {
    if (inv.command == Command::None) {
        inv.command = command_named(arg);
    } else {
        inv.sensors.push_back(arg);
    }
}

// The option as the user wrote it, without its value: "--int" of "--int=5", "-i" of "-Vi5".
std::string spelling(const std::string& element, int letter) {
    if (element.starts_with("--")) {
        return element.substr(0, element.find('='));
    }
    return {'-', static_cast<char>(letter)};
}

// Whether "--name" is the start of more than one option's name, which getopt_long refuses
// as it refuses an unknown one.
bool is_ambiguous(const std::string& spelled) {
    const std::string_view name = std::string_view(spelled).substr(2);
    if (name.empty()) {
        return false;  // "--=x" starts no name
    }
    int matched = 0;
    for (const auto& known : kOptions) {
        if (known.name != nullptr && std::string_view(known.name).starts_with(name) &&
            known.val != matched) {
            if (matched != 0) {
                return true;
            }
            matched = known.val;
        }
    }
    return false;
}

// The error for what getopt_long returned instead of an option taken from element: ':' for
// an option without its value, '?' for an unknown option or a value given to one that takes
// none.
UsageError rejection(int returned, const std::string& element) {
    const std::string spelled = spelling(element, optopt);
    if (returned == ':') {
        return UsageError(spelled + " needs a value");
    }
    if (optopt != 0 && element.starts_with("--")) {
        return UsageError(spelled + " takes no value");
    }
    if (optopt == 0 && is_ambiguous(spelled)) {
        return UsageError("ambiguous option '" + spelled + "'");
    }
    return UsageError("unknown option '" + spelled + "'");
}

// Sets what one option says; its value, when it takes one, is checked here. spelled is the
// option as the user wrote it, for the messages.
void apply(Invocation& inv, Seen& seen, int option, const std::string& spelled,
           const std::string& value) {
    switch (option) {
        case ARG_USER:
            inv.bus = BusChoice::User;
            break;
        case ARG_SYSTEM:
            inv.bus = BusChoice::System;
            break;
        case ARG_JSON:
            inv.json = true;
            break;
        case ARG_NO_COLOR:
            inv.color = false;
            break;
        case ARG_RAW:
            inv.raw = seen.raw = true;
            break;
        case ARG_OPENMETRICS:
            inv.openmetrics = seen.openmetrics = true;
            break;
        case 'i':
            inv.interval_ms = interval_ms(spelled, value);
            inv.interval_given = seen.interval = true;
            break;
        case 'n':
            inv.process_count = process_count(spelled, value);
            seen.count = true;
            break;
        case ARG_SORT:
            inv.order = parse_order(value);
            seen.sort = true;
            break;
        case ARG_SINCE:
            inv.since_usec = parse_duration_usec(value);
            seen.since = true;
            break;
        case ARG_APPS:
            inv.applications = seen.apps = true;
            break;
        case 'h':
            inv.show_help = true;
            break;
        case 'V':
            inv.show_version = true;
            break;
    }
}

// Reads every argument into inv. getopt_long reads the options up to the next argument that
// is none, which is taken here before it goes on; after a "--" every argument is one.
void read_arguments(ArgVector& argv, Invocation& inv, Seen& seen) {
    opterr = 0;    // the messages are ours
    optind = 0;    // start afresh: the parser keeps its state between calls
    int next = 1;  // argv[next] is the first element nothing has taken yet
    while (next < argv.size()) {
        const int option = getopt_long(argv.size(), argv.data(), kShortOptions, kOptions, nullptr);
        if (option == ':' || option == '?') {
            throw rejection(option, argv[next]);
        }
        if (option != -1) {
            apply(inv, seen, option, spelling(argv[next], option), optarg ? optarg : "");
            next = optind;           // unchanged within "-Vi5" until its last letter
        } else if (optind > next) {  // it passed a "--" that is no option's value
            for (int i = optind; i < argv.size(); ++i) {
                take_operand(inv, argv[i]);
            }
            return;
        } else {
            take_operand(inv, argv[next]);
            optind = ++next;
        }
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
    ArgVector argv("vitalsctl", args);
    Invocation inv;
    Seen seen;
    read_arguments(argv, inv, seen);
    if (inv.show_help || inv.show_version) {
        return inv;
    }
    if (inv.command == Command::None) {
        throw UsageError("no command given");
    }
    check_options_fit(inv, seen);
    check_arguments_fit(inv);
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
  get --openmetrics [SENSOR|PATTERN]...
                              the same figures as vitals-exporter serves them, in OpenMetrics
                              text (none: every metric)
  watch [-i MS] [SENSOR|PATTERN]...
                              show live values every MS milliseconds (default 1000); on a
                              terminal a dashboard redrawn in place, else one line an update.
                              Without sensors: CPU, memory, swap, load and pressure
  top [-n N] [--sort cpu|mem|pid] [-i MS] [--apps]
                              the process table, refreshed every MS (default 2000) on a
                              terminal, printed once when piped; with --apps the
                              applications, services, containers and sessions instead. On a
                              terminal, 'a' switches between the two and 'q' quits
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
  --openmetrics               get: Prometheus metrics in OpenMetrics 1.0 text
  --apps                      top: groups of processes rather than processes
  --no-color                  no colours, even on a terminal (so does NO_COLOR)
  -h, --help                  print this help and exit
  -V, --version               print the version and exit

Exit status: 0 on success, 1 when the service or the bus refuses, 2 for a bad command line;
status: 3 when the service is not running, 4 when the bus cannot be reached.
)";
}

}  // namespace vitalsd::ctl
