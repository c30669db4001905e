// SPDX-License-Identifier: MIT
// vitalsd: serves the system's vital signs over D-Bus, started by the bus on demand.
#include <malloc.h>
#include <signal.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <sdbus-c++/sdbus-c++.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <variant>

#include "bus_names.hpp"
#include "collectors/all_collectors.hpp"
#include "collectors/application_figures.hpp"
#include "config.h"
#include "daemonize.hpp"
#include "event_loop.hpp"
#include "log.hpp"
#include "options.hpp"
#include "pidfile.hpp"
#include "service.hpp"

namespace {

using vitalsd::Options;

// When the bus started us, DBUS_STARTER_ADDRESS names the very bus that wants us; prefer it to
// whatever DBUS_SESSION_BUS_ADDRESS / DBUS_SYSTEM_BUS_ADDRESS the environment holds.
std::unique_ptr<sdbus::IConnection> connect(vitalsd::BusChoice bus) {
    const char* starter = std::getenv("DBUS_STARTER_ADDRESS");
    const char* starter_type = std::getenv("DBUS_STARTER_BUS_TYPE");
    const bool started_here = starter != nullptr && starter_type != nullptr &&
                              std::string_view(starter_type) == bus_label(bus);
    if (bus == vitalsd::BusChoice::System) {
        if (started_here) {
            setenv("DBUS_SYSTEM_BUS_ADDRESS", starter, 1);
        }
        return sdbus::createSystemBusConnection();
    }
    return started_here ? sdbus::createSessionBusConnectionWithAddress(starter)
                        : sdbus::createSessionBusConnection();
}

// Takes the well-known name without queueing behind another owner: a second instance must fail,
// not wait. Returns false when someone else has it.
bool take_name(sdbus::IConnection& connection) {
    constexpr std::uint32_t kDoNotQueue = 4;
    constexpr std::uint32_t kPrimaryOwner = 1;
    auto bus = sdbus::createProxy(connection, vitalsd::kDBusName, vitalsd::kDBusPath);
    std::uint32_t reply = 0;
    bus->callMethod("RequestName")
        .onInterface(vitalsd::kDBusName)
        .withArguments(std::string(vitalsd::kServiceName), kDoNotQueue)
        .storeResultsTo(reply);
    return reply == kPrimaryOwner;
}

// Why the daemon cannot serve: logged, and told to the command that detached it.
class CannotServe : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// How the daemon was started, for the line that says it serves.
const char* mode_label(const Options& options) {
    if (options.detach) {
        return "detached";
    }
    if (std::getenv("INVOCATION_ID") != nullptr) {
        return "systemd service";
    }
    if (std::getenv("DBUS_STARTER_ADDRESS") != nullptr) {
        return "bus-activated";
    }
    return "foreground";
}

// A big request (a hundred thousand sensor names) must not leave its memory behind: a fixed mmap
// threshold stops glibc from raising it after such a buffer is freed, so big buffers go back to
// the system at once, and a low trim threshold returns the heap's freed top.
void return_big_buffers_at_once() {
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
}

// Without its procfs or sysfs the service would answer with whatever little it could read; a
// root given wrongly is better said at once.
void check_roots(const Options& options) {
    for (const auto& [option, root] :
         {std::pair{"--proc-root", &options.proc_root}, {"--sys-root", &options.sys_root}}) {
        std::error_code unreadable;
        if (!std::filesystem::is_directory(*root, unreadable)) {
            throw CannotServe(std::string(option) + ": " + *root + " is not a directory");
        }
    }
}

// What the service reads and lists, on the clock every rule about time takes.
struct Sources {
    explicit Sources(const Options& options)
        : catalog(vitalsd::make_all_collectors(options.proc_root, options.sys_root, clock)),
          monitor(catalog, clock, options.limits, options.history),
          processes(options.proc_root, clock),
          listing(processes, clock,
                  options.bus == vitalsd::BusChoice::System
                      ? vitalsd::ProcessListing::CommandLines::ShownToOwnerAndRoot
                      : vitalsd::ProcessListing::CommandLines::ShownToAll),
          applications(monitor, application_groups(catalog)) {}

    static vitalsd::ApplicationGroups* application_groups(vitalsd::SensorCatalog& catalog) {
        auto* figures = catalog.find_collector<vitalsd::ApplicationFigureCollector>();
        return figures != nullptr ? &figures->groups() : nullptr;
    }

    vitalsd::SystemClock clock;
    vitalsd::SensorCatalog catalog;
    vitalsd::Monitor monitor;
    vitalsd::ProcessTable processes;
    vitalsd::ProcessListing listing;
    vitalsd::ApplicationListing applications;
};

std::unique_ptr<sdbus::IConnection> connect_or_explain(vitalsd::BusChoice bus) {
    try {
        return connect(bus);
    } catch (const sdbus::Error& e) {
        throw CannotServe(std::string("cannot connect to the ") + bus_label(bus) +
                          " bus: " + e.getMessage());
    }
}

void exit_on_signals(vitalsd::EventLoop& loop, vitalsd::Service& service, bool detached) {
    for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
        loop.on_signal(signal, [&service, detached, signal] {
            // A daemon has no terminal to hang up; SIGHUP would ask it to reload, and there is
            // nothing to reload.
            if (signal == SIGHUP && detached) {
                vitalsd::log_info("SIGHUP: nothing to reload");
                return;
            }
            service.begin_exit(std::string("signal SIG") + sigabbrev_np(signal));
        });
    }
}

void take_name_or_explain(sdbus::IConnection& connection, vitalsd::BusChoice bus) {
    if (!take_name(connection)) {
        throw CannotServe(std::string(vitalsd::kServiceName) + " is already owned on the " +
                          bus_label(bus) + " bus: already running");
    }
}

// Says that the service serves: in the log, to the service manager, and to the command that
// detached it.
void announce_ready(const Options& options, std::size_t sensors, vitalsd::Readiness* readiness) {
    vitalsd::log_info(std::string("serving ") + vitalsd::kServiceName + " on the " +
                      bus_label(options.bus) + " bus (version " VITALSD_VERSION ", " +
                      mode_label(options) + ", " + std::to_string(sensors) + " sensors, pid " +
                      std::to_string(getpid()) + ")");
    sd_notify(0, "READY=1");
    if (readiness != nullptr) {
        readiness->ready();
    }
}

int serve(const Options& options, vitalsd::Readiness* readiness) {
    return_big_buffers_at_once();
    check_roots(options);
    vitalsd::raise_open_file_limit();  // the process table keeps a stat file open per process
    Sources sources(options);
    const auto connection = connect_or_explain(options.bus);
    // After the connection, so destroyed before it: callbacks still pending in the loop when it
    // ends (a reply waiting for its measurement) free their messages through the connection.
    vitalsd::EventLoop loop;
    vitalsd::Service service(*connection, loop, sources.clock, sources.monitor, sources.listing,
                             sources.applications, {.idle_timeout_s = options.idle_timeout_s});
    exit_on_signals(loop, service, options.detach);
    loop.attach(*connection);
    take_name_or_explain(*connection, options.bus);
    announce_ready(options, sources.catalog.available_sensors().size(), readiness);
    service.start_idle_countdown();
    const int code = loop.run();
    vitalsd::log_info(code == 0 ? "stopped" : "stopped on an error");
    return code;
}

// Serves with the pidfile held, if there is one; returns the exit status.
int run(const Options& options, vitalsd::Readiness* readiness) {
    auto fail = [readiness](const std::string& why) {
        vitalsd::log_error(why);
        if (readiness != nullptr) {
            readiness->failed(why);
        }
        return EXIT_FAILURE;
    };
    try {
        std::optional<vitalsd::Pidfile> pidfile;
        if (!options.pidfile.empty()) {
            pidfile.emplace(options.pidfile);
        }
        return serve(options, readiness);
    } catch (const vitalsd::AlreadyRunning& e) {
        return fail(std::string(e.what()) + ": " + options.pidfile + " is locked");
    } catch (const sdbus::Error& e) {
        return fail("cannot serve on the " + std::string(bus_label(options.bus)) +
                    " bus: " + e.getMessage());
    } catch (const std::exception& e) {
        return fail(e.what());
    }
}

// Settles the paths the daemon will use: the default pidfile when detached without --pidfile,
// and every path made absolute, since a detached daemon works in "/". Returns false when a
// detached daemon has no pidfile to be had.
bool settle_paths(Options& options) {
    if (options.detach && options.pidfile.empty()) {
        const auto path = vitalsd::default_pidfile(options.bus == vitalsd::BusChoice::System);
        if (!path) {
            return false;
        }
        options.pidfile = *path;
    }
    for (std::string* path : {&options.pidfile, &options.proc_root, &options.sys_root}) {
        std::error_code no_cwd;  // then the path stays as given, and its use says what is wrong
        const auto absolute = std::filesystem::absolute(*path, no_cwd);
        if (!path->empty() && !no_cwd) {
            *path = absolute.lexically_normal();
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    try {
        options = vitalsd::parse_options(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "vitalsd: %s\nTry 'vitalsd --help'.\n", e.what());
        return 2;
    }
    if (options.show_help) {
        std::fputs(vitalsd::usage().c_str(), stdout);
        return EXIT_SUCCESS;
    }
    if (options.show_version) {
        std::printf("vitalsd %s\n", VITALSD_VERSION);
        return EXIT_SUCCESS;
    }
    if (!settle_paths(options)) {
        std::fputs("vitalsd: --detach needs --pidfile=PATH when XDG_RUNTIME_DIR is not set\n",
                   stderr);
        return 2;
    }
    std::optional<vitalsd::Readiness> readiness;
    if (options.detach) {
        try {
            auto detached = vitalsd::detach();
            if (const auto* outcome = std::get_if<vitalsd::DaemonOutcome>(&detached)) {
                if (!outcome->ready) {
                    std::fprintf(stderr, "vitalsd: %s\n", outcome->reason.c_str());
                }
                return outcome->ready ? EXIT_SUCCESS : EXIT_FAILURE;
            }
            readiness.emplace(std::get<vitalsd::Readiness>(std::move(detached)));
        } catch (const std::system_error& e) {
            std::fprintf(stderr, "vitalsd: cannot detach: %s\n", e.what());
            return EXIT_FAILURE;
        }
    }
    vitalsd::open_log(options.log, options.detach);
    return run(options, readiness ? &*readiness : nullptr);
}
