// SPDX-License-Identifier: MIT
// vitalsctl start, stop and restart: the bus starts the service; Shutdown ends it the way an
// idle exit does, and it has gone once the bus says its name has no owner.
#include <chrono>
#include <cstdio>

#include "bus_names.hpp"
#include "client_loop.hpp"
#include "commands.hpp"
#include "json_writer.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"

namespace vitalsd::ctl {
namespace {

using namespace std::chrono_literals;

// Shutdown replies at once but the service answers what is queued before it lets go of its
// name; a service that takes longer than this is stuck.
constexpr auto kStopTimeout = 10s;

struct Started {
    bool by_us = false;  // false: it was running already
    std::uint32_t pid = 0;
};

Started start(ServiceConnection& service) {
    Started started;
    started.by_us = service.bus.start_service();
    if (const auto owner = service.bus.service_owner()) {
        started.pid = service.bus.pid_of(*owner);
    }
    return started;
}

// Stops the instance running now and waits until its name is released; returns its pid, none
// when nothing was running. Throws sdbus::Error, or std::runtime_error when it does not stop.
std::optional<std::uint32_t> stop(ServiceConnection& service) {
    const auto owner = service.bus.service_owner();
    if (!owner) {
        return std::nullopt;
    }
    const std::uint32_t pid = service.bus.pid_of(*owner);
    bool released = false;
    // In place before Shutdown, so that the release cannot slip by unseen.
    const auto watch =
        service.bus.watch_service_owner([&](const std::string& old_owner, const std::string&) {
            released = released || old_owner == *owner;
        });
    try {
        // To the unique name: should it exit first, the call fails instead of starting another.
        VitalsProxy(service.connection(), *owner).Shutdown();
    } catch (const sdbus::Error&) {
        if (service.bus.service_owner() == owner) {
            throw;
        }
    }
    released = released || service.bus.service_owner() != owner;
    ClientLoop loop(service.connection(), {});
    const auto deadline = ClientLoop::Clock::now() + kStopTimeout;
    while (!released) {
        if (loop.wait(deadline).timed_out && !released) {
            throw std::runtime_error("vitalsd (pid " + std::to_string(pid) +
                                     ") did not stop within " +
                                     std::to_string(kStopTimeout.count()) + " s");
        }
    }
    return pid;
}

void optional_pid_json(JsonWriter& json, const char* key, std::optional<std::uint32_t> pid) {
    json.key(key);
    if (pid) {
        json.value(*pid);
    } else {
        json.null();
    }
}

}  // namespace

int run_start(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    const auto started = start(service);
    if (invocation.json) {
        JsonWriter json;
        json.begin_object().key("started").value(started.by_us).key("pid").value(started.pid);
        write_out(json.end_object().text() + "\n");
    } else {
        write_out((started.by_us ? "vitalsd started (pid " : "vitalsd is already running (pid ") +
                  std::to_string(started.pid) + ")\n");
    }
    return kExitOk;
}

int run_stop(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    const auto stopped = stop(service);
    if (invocation.json) {
        JsonWriter json;
        json.begin_object().key("stopped").value(stopped.has_value());
        optional_pid_json(json, "pid", stopped);
        write_out(json.end_object().text() + "\n");
    } else {
        write_out(stopped ? "vitalsd stopped (was pid " + std::to_string(*stopped) + ")\n"
                          : std::string("vitalsd is not running\n"));
    }
    return kExitOk;
}

int run_restart(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    const auto stopped = stop(service);
    const auto started = start(service);
    if (invocation.json) {
        JsonWriter json;
        json.begin_object();
        optional_pid_json(json, "stopped_pid", stopped);
        json.key("pid").value(started.pid);
        write_out(json.end_object().text() + "\n");
    } else if (stopped) {
        write_out("vitalsd restarted (pid " + std::to_string(started.pid) + ", was pid " +
                  std::to_string(*stopped) + ")\n");
    } else {
        write_out("vitalsd started (pid " + std::to_string(started.pid) + ")\n");
    }
    return kExitOk;
}

}  // namespace vitalsd::ctl
