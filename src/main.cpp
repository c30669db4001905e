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

#include "bus_names.hpp"
#include "collectors/all_collectors.hpp"
#include "config.h"
#include "event_loop.hpp"
#include "options.hpp"
#include "service.hpp"

namespace {

using vitalsd::Options;

const char* bus_label(Options::Bus bus) {
    return bus == Options::Bus::System ? "system" : "session";
}

// When the bus started us, DBUS_STARTER_ADDRESS names the very bus that wants us; prefer it to
// whatever DBUS_SESSION_BUS_ADDRESS / DBUS_SYSTEM_BUS_ADDRESS the environment holds.
std::unique_ptr<sdbus::IConnection> connect(Options::Bus bus) {
    const char* starter = std::getenv("DBUS_STARTER_ADDRESS");
    const char* starter_type = std::getenv("DBUS_STARTER_BUS_TYPE");
    const bool started_here = starter != nullptr && starter_type != nullptr &&
                              std::string_view(starter_type) == bus_label(bus);
    if (bus == Options::Bus::System) {
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

int serve(const Options& options) {
    // A big request (a hundred thousand sensor names) must not leave its memory behind: a fixed
    // mmap threshold stops glibc from raising it after such a buffer is freed, so big buffers go
    // back to the system at once, and a low trim threshold returns the heap's freed top.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
    vitalsd::SystemClock clock;
    vitalsd::SensorCatalog catalog(
        vitalsd::make_all_collectors(options.proc_root, options.sys_root));
    vitalsd::Monitor monitor(catalog, clock, options.limits, options.history);
    vitalsd::raise_open_file_limit();  // the process table keeps a stat file open per process
    vitalsd::ProcessTable processes(options.proc_root, clock);

    vitalsd::EventLoop loop;
    auto connection = connect(options.bus);
    vitalsd::Service service(*connection, loop, monitor, processes, options.idle_timeout_s);
    for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
        loop.on_signal(signal, [&service, signal] {
            service.begin_exit(std::string("signal SIG") + sigabbrev_np(signal));
        });
    }
    loop.attach(*connection);

    if (!take_name(*connection)) {
        std::fprintf(stderr, "vitalsd: %s is already owned on the %s bus: already running\n",
                     vitalsd::kServiceName, bus_label(options.bus));
        return EXIT_FAILURE;
    }
    std::fprintf(stderr, "vitalsd %s: serving %s on the %s bus, %zu sensors, pid %d\n",
                 VITALSD_VERSION, vitalsd::kServiceName, bus_label(options.bus),
                 catalog.available_sensors().size(), static_cast<int>(getpid()));
    sd_notify(0, "READY=1");
    service.start_idle_countdown();
    const int code = loop.run();
    std::fprintf(stderr, "vitalsd: stopped%s\n", code == 0 ? "" : " on an error");
    return code;
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
    try {
        return serve(options);
    } catch (const sdbus::Error& e) {
        std::fprintf(stderr, "vitalsd: cannot serve on the %s bus: %s\n", bus_label(options.bus),
                     e.getMessage().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vitalsd: %s\n", e.what());
    }
    return EXIT_FAILURE;
}
