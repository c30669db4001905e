// SPDX-License-Identifier: MIT
#include "options.hpp"

#include <charconv>
#include <limits>
#include <stdexcept>

namespace vitalsd {
namespace {

template <typename Number>
Number parse_number(const std::string& option, const std::string& text, Number low, Number high) {
    Number value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < low || value > high) {
        throw std::invalid_argument("--" + option + " wants a whole number from " +
                                    std::to_string(low) + " to " + std::to_string(high) +
                                    ", not '" + text + "'");
    }
    return value;
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
    Options options;
    bool idle_timeout_given = false;
    constexpr auto kU32 = std::numeric_limits<std::uint32_t>::max();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (!arg.starts_with("--")) {
            throw std::invalid_argument("unexpected argument '" + arg + "'");
        }
        const auto eq = arg.find('=');
        const std::string name =
            arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        const bool inline_value = eq != std::string::npos;
        auto value = [&]() -> std::string {
            if (inline_value) {
                return arg.substr(eq + 1);
            }
            if (i + 1 >= args.size()) {
                throw std::invalid_argument("--" + name + " needs a value");
            }
            return args[++i];
        };
        auto no_value = [&] {
            if (inline_value) {
                throw std::invalid_argument("--" + name + " takes no value");
            }
        };
        if (name == "session" || name == "system") {
            no_value();
            options.bus = name == "system" ? Options::Bus::System : Options::Bus::Session;
        } else if (name == "idle-timeout") {
            options.idle_timeout_s = parse_number<std::uint32_t>(name, value(), 0, kU32 / 1000);
            idle_timeout_given = true;
        } else if (name == "history") {
            options.history = parse_number<std::size_t>(name, value(), 0, 1'000'000);
        } else if (name == "min-interval") {
            options.limits.min_interval_ms =
                parse_number<std::uint32_t>(name, value(), 1, options.limits.max_interval_ms);
        } else if (name == "max-clients") {
            options.limits.max_clients = parse_number<std::size_t>(name, value(), 1, 1'000'000);
        } else if (name == "max-sensors") {
            options.limits.max_sensor_names =
                parse_number<std::size_t>(name, value(), 1, 1'000'000);
        } else if (name == "max-history-values") {
            options.limits.max_history_values =
                parse_number<std::size_t>(name, value(), 1, 1'000'000'000);
        } else if (name == "max-pending") {
            options.limits.max_pending_replies =
                parse_number<std::size_t>(name, value(), 1, 1'000'000);
        } else if (name == "proc-root") {
            options.proc_root = value();
        } else if (name == "sys-root") {
            options.sys_root = value();
        } else if (name == "detach") {
            no_value();
            options.detach = true;
        } else if (name == "pidfile") {
            options.pidfile = value();
            if (options.pidfile.empty()) {
                throw std::invalid_argument("--pidfile needs a path");
            }
        } else if (name == "log") {
            const auto text = value();
            const auto target = log_target_named(text);
            if (!target) {
                throw std::invalid_argument("--log wants auto, journal, syslog or stderr, not '" +
                                            text + "'");
            }
            options.log = *target;
        } else if (name == "version") {
            no_value();
            options.show_version = true;
        } else if (name == "help") {
            no_value();
            options.show_help = true;
        } else {
            throw std::invalid_argument("unknown option '" + arg + "'");
        }
    }
    if (options.detach && !idle_timeout_given) {
        options.idle_timeout_s = 0;
    }
    return options;
}

}  // namespace vitalsd
