// SPDX-License-Identifier: MIT
#include "options.hpp"

#include <getopt.h>

#include <limits>
#include <stdexcept>

#include "arg_vector.hpp"
#include "whole_number.hpp"

namespace vitalsd {
namespace {

template <typename Number>
Number parse_number(const std::string& option, const std::string& text, Number low, Number high) {
    const auto value = whole_number<Number>(text);
    if (!value || *value < low || *value > high) {
        throw std::invalid_argument("--" + option + " wants a whole number from " +
                                    std::to_string(low) + " to " + std::to_string(high) +
                                    ", not '" + text + "'");
    }
    return *value;
}

enum : int {
    kFirstOption = 0x100,  // above every character, so that optopt tells ours from a letter
    ARG_SESSION = kFirstOption,
    ARG_SYSTEM,
    ARG_IDLE_TIMEOUT,
    ARG_HISTORY,
    ARG_MIN_INTERVAL,
    ARG_MAX_CLIENTS,
    ARG_MAX_SENSORS,
    ARG_MAX_HISTORY_VALUES,
    ARG_MAX_PENDING,
    ARG_PROC_ROOT,
    ARG_SYS_ROOT,
    ARG_DETACH,
    ARG_PIDFILE,
    ARG_LOG,
    ARG_VERSION,
    ARG_HELP,
};

constexpr option kOptions[] = {
    {"session", no_argument, nullptr, ARG_SESSION},
    {"system", no_argument, nullptr, ARG_SYSTEM},
    {"idle-timeout", required_argument, nullptr, ARG_IDLE_TIMEOUT},
    {"history", required_argument, nullptr, ARG_HISTORY},
    {"min-interval", required_argument, nullptr, ARG_MIN_INTERVAL},
    {"max-clients", required_argument, nullptr, ARG_MAX_CLIENTS},
    {"max-sensors", required_argument, nullptr, ARG_MAX_SENSORS},
    {"max-history-values", required_argument, nullptr, ARG_MAX_HISTORY_VALUES},
    {"max-pending", required_argument, nullptr, ARG_MAX_PENDING},
    {"proc-root", required_argument, nullptr, ARG_PROC_ROOT},
    {"sys-root", required_argument, nullptr, ARG_SYS_ROOT},
    {"detach", no_argument, nullptr, ARG_DETACH},
    {"pidfile", required_argument, nullptr, ARG_PIDFILE},
    {"log", required_argument, nullptr, ARG_LOG},
    {"version", no_argument, nullptr, ARG_VERSION},
    {"help", no_argument, nullptr, ARG_HELP},
    {},
};

// "--history=x" or "--history" as the user wrote it, without the value.
std::string option_name(const std::string& given) {
    return given.substr(0, given.find('='));
}

const char* long_name(int option) {
    for (const auto& known : kOptions) {
        if (known.val == option) {
            return known.name;
        }
    }
    return "";
}

template <typename Number>
Number number(int option, const std::string& text, Number low, Number high) {
    return parse_number<Number>(long_name(option), text, low, high);
}

LogTarget log_target(const std::string& text) {
    const auto target = log_target_named(text);
    if (!target) {
        throw std::invalid_argument("--log wants auto, journal, syslog or stderr, not '" + text +
                                    "'");
    }
    return *target;
}

std::string pidfile_path(const std::string& text) {
    if (text.empty()) {
        throw std::invalid_argument("--pidfile needs a path");
    }
    return text;
}

// Sets what one option says; its value, when it takes one, is checked here.
void apply(Options& options, int option, const std::string& value) {
    constexpr auto kU32 = std::numeric_limits<std::uint32_t>::max();
    auto& limits = options.limits;
    switch (option) {
        case ARG_SESSION:
            options.bus = BusChoice::User;
            break;
        case ARG_SYSTEM:
            options.bus = BusChoice::System;
            break;
        case ARG_IDLE_TIMEOUT:
            options.idle_timeout_s = number<std::uint32_t>(option, value, 0, kU32 / 1000);
            break;
        case ARG_HISTORY:
            options.history = number<std::size_t>(option, value, 0, 1'000'000);
            break;
        case ARG_MIN_INTERVAL:
            limits.min_interval_ms =
                number<std::uint32_t>(option, value, 1, limits.max_interval_ms);
            break;
        case ARG_MAX_CLIENTS:
            limits.max_clients = number<std::size_t>(option, value, 1, 1'000'000);
            break;
        case ARG_MAX_SENSORS:
            limits.max_sensor_names = number<std::size_t>(option, value, 1, 1'000'000);
            break;
        case ARG_MAX_HISTORY_VALUES:
            limits.max_history_values = number<std::size_t>(option, value, 1, 1'000'000'000);
            break;
        case ARG_MAX_PENDING:
            limits.max_pending_replies = number<std::size_t>(option, value, 1, 1'000'000);
            break;
        case ARG_PROC_ROOT:
            options.proc_root = value;
            break;
        case ARG_SYS_ROOT:
            options.sys_root = value;
            break;
        case ARG_DETACH:
            options.detach = true;
            break;
        case ARG_PIDFILE:
            options.pidfile = pidfile_path(value);
            break;
        case ARG_LOG:
            options.log = log_target(value);
            break;
        case ARG_VERSION:
            options.show_version = true;
            break;
        case ARG_HELP:
            options.show_help = true;
            break;
    }
}

}  // namespace

std::string usage() {
    return R"(Usage: vitalsd [OPTION]...
Serve the system's vital signs over D-Bus as io.github.vitalsd.Vitals1. The bus starts
the service on the first call; it exits by itself when nobody has needed it for a while.

  --session                 serve on the session bus (the default)
  --system                  serve on the system bus
  --idle-timeout=S          exit after S seconds with no client and no call (default 30;
                            0 = never)
  --history=N               keep N history entries, one a second at most (default 600)
  --min-interval=MS         the shortest sampling interval a client may ask for (default 100)
  --max-clients=N           subscribed clients at most (default 256)
  --max-sensors=N           sensor names in one request at most (default 1024)
  --max-history-values=N    values in one GetHistory reply at most (default 1000000)
  --max-pending=N           calls waiting for a rate measurement at most (default 256)
  --proc-root=DIR           read procfs from DIR instead of /proc
  --sys-root=DIR            read sysfs from DIR instead of /sys
  --detach                  run as a classic daemon in the background; return once it serves
                            (then --idle-timeout defaults to 0)
  --pidfile=PATH            write and lock a pidfile (default when detached:
                            $XDG_RUNTIME_DIR/vitalsd.pid, or /run/vitalsd.pid with --system)
  --log=TARGET              auto, journal, syslog or stderr (default auto: syslog when
                            detached, the journal under systemd, else stderr)
  --version                 print the version and exit
  --help                    print this help and exit
)";
}

Options parse_options(const std::vector<std::string>& args) {
    // getopt_long as systemd's daemons use it.
    ArgVector argv("vitalsd", args);
    const int argc = argv.size();

    Options options;
    bool idle_timeout_given = false;
    opterr = 0;  // the messages below are ours
    optind = 0;  // start afresh: the parser keeps its state between calls
    // "+": stop at the first argument that is no option rather than reorder; ":": tell a
    // missing value apart from an unknown option.
    int parsed = 1;  // argv[parsed] is the first element no option has taken
    for (int option; (option = getopt_long(argc, argv.data(), "+:", kOptions, nullptr)) != -1;
         parsed = optind) {
        const std::string given = argv[optind - 1];
        if (option == ':') {
            throw std::invalid_argument(option_name(given) + " needs a value");
        }
        if (option == '?') {
            if (optopt >= kFirstOption) {
                throw std::invalid_argument(option_name(given) + " takes no value");
            }
            throw std::invalid_argument("unknown option '" + given + "'");
        }
        apply(options, option, optarg ? optarg : "");
        idle_timeout_given |= option == ARG_IDLE_TIMEOUT;
    }
    // getopt_long stops silently at "--" (then parsed < optind); vitalsd takes no arguments
    // after it either.
    if (parsed < argc) {
        throw std::invalid_argument("unexpected argument '" + argv[parsed] + "'");
    }
    if (options.detach && !idle_timeout_given) {
        options.idle_timeout_s = 0;
    }
    return options;
}

}  // namespace vitalsd
