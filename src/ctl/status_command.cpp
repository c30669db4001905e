// SPDX-License-Identifier: MIT
// vitalsctl status: asks the bus, never the service's well-known name, so it never activates it.
#include <cstdio>

#include "bus_error.hpp"
#include "bus_names.hpp"
#include "commands.hpp"
#include "json_writer.hpp"
#include "palette.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"
#include "text_table.hpp"

namespace vitalsd::ctl {
namespace {

struct ServiceState {
    std::string owner;  // unique name
    std::uint32_t pid = 0;
    std::string version;
    bool sampling = false;
    std::uint32_t interval_ms = 0;
    std::uint32_t clients = 0;
    std::uint32_t idle_timeout_s = 0;
};

// Reads the state from the instance that owns the name now; none when it has no owner or left
// while being asked (a call to its unique name fails then, and never starts another).
std::optional<ServiceState> read_state(ServiceConnection& service) {
    const auto owner = service.bus.service_owner();
    if (!owner) {
        return std::nullopt;
    }
    ServiceState state;
    state.owner = *owner;
    try {
        state.pid = service.bus.pid_of(*owner);
        VitalsProxy instance(service.connection(), *owner);
        const auto properties = instance.all_properties();
        state.version = properties.at("Version").get<std::string>();
        state.sampling = properties.at("Sampling").get<bool>();
        state.interval_ms = properties.at("Interval").get<std::uint32_t>();
        state.clients = properties.at("Clients").get<std::uint32_t>();
        state.idle_timeout_s = properties.at("IdleTimeout").get<std::uint32_t>();
    } catch (const sdbus::Error&) {
        if (service.bus.service_owner() != owner) {
            return std::nullopt;  // it exited meanwhile
        }
        throw;
    }
    return state;
}

std::string json_state(const std::optional<ServiceState>& state, BusChoice bus) {
    JsonWriter json;
    json.begin_object().key("running").value(state.has_value()).key("bus").value(bus_label(bus));
    if (state) {
        json.key("unique_name").value(state->owner);
        json.key("pid").value(state->pid);
        json.key("version").value(state->version);
        json.key("sampling").value(state->sampling);
        json.key("interval_ms").value(state->interval_ms);
        json.key("clients").value(state->clients);
        json.key("idle_timeout_s").value(state->idle_timeout_s);
    }
    json.end_object();
    return json.text() + "\n";
}

std::string human_state(const std::optional<ServiceState>& state, BusChoice bus,
                        const Palette& palette) {
    if (!state) {
        return "vitalsd is " + palette.yellow("not running") + " (no owner of " +
               vitalsd::kServiceName + " on the " + bus_label(bus) + " bus)\n";
    }
    const auto& s = *state;
    // The empty first column indents the details under the headline.
    const std::vector<std::vector<std::string>> rows = {
        {"", "pid", std::to_string(s.pid)},
        {"", "version", s.version},
        {"", "bus", std::string(bus_label(bus)) + ", as " + s.owner},
        {"", "sampling", s.sampling ? "yes" : "no"},
        {"", "interval", s.interval_ms > 0 ? std::to_string(s.interval_ms) + " ms" : "none"},
        {"", "clients", std::to_string(s.clients)},
        {"", "idle timeout",
         s.idle_timeout_s > 0 ? std::to_string(s.idle_timeout_s) + " s" : "never"},
    };
    return "vitalsd is " + palette.green("running") + "\n" + as_text(align_columns(rows, {}));
}

}  // namespace

int run_status(const Invocation& invocation) {
    std::optional<ServiceState> state;
    try {
        ServiceConnection service(invocation.bus);
        state = read_state(service);
    } catch (const sdbus::Error& e) {
        std::fprintf(stderr, "vitalsctl: %s\n",
                     describe_error(e.getName(), e.getMessage()).c_str());
        return kExitStatusUnknown;
    }
    const Palette palette(invocation.color);
    write_out(invocation.json ? json_state(state, invocation.bus)
                              : human_state(state, invocation.bus, palette));
    return state ? kExitOk : kExitNotRunning;
}

}  // namespace vitalsd::ctl
