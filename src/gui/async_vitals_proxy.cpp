// SPDX-License-Identifier: MIT
#include "async_vitals_proxy.hpp"

#include "bus_names.hpp"

namespace vitalsd::monitor {

AsyncVitalsProxy::AsyncVitalsProxy(sdbus::IConnection& connection, const std::string& destination)
    : ProxyInterfaces(connection, destination, kObjectPath) {
    registerProxy();
}

AsyncVitalsProxy::~AsyncVitalsProxy() {
    unregisterProxy();
}

// sdbus-c++ 1.2 generates only waiting getters for properties, so this one call goes through the
// standard interface by hand.
void AsyncVitalsProxy::ask_version() {
    getProxy()
        .callMethodAsync("Get")
        .onInterface("org.freedesktop.DBus.Properties")
        .withArguments(std::string(INTERFACE_NAME), std::string("Version"))
        .uponReplyInvoke([this](const sdbus::Error* error, const sdbus::Variant& value) {
            if (on_version_reply) {
                on_version_reply(error, error == nullptr ? value.get<std::string>() : "");
            }
        });
}

void AsyncVitalsProxy::onUpdated(const std::uint64_t& timestamp_usec, const Values& values) {
    if (on_updated) {
        on_updated(timestamp_usec, values);
    }
}

void AsyncVitalsProxy::onSensorsChanged(const std::vector<std::string>&,
                                        const std::vector<std::string>&) {
    if (on_sensors_changed) {
        on_sensors_changed();
    }
}

void AsyncVitalsProxy::onStartReply(const sdbus::Error* error) {
    if (on_start_reply) {
        on_start_reply(error);
    }
}

// The subscription ends whatever Stop answers, and an instance that has gone took it along.
void AsyncVitalsProxy::onStopReply(const sdbus::Error*) {}

// The monitor subscribes rather than asks for values, and never shuts the service down.
void AsyncVitalsProxy::onGetValuesReply(const std::uint64_t&, const Values&, const sdbus::Error*) {}
void AsyncVitalsProxy::onShutdownReply(const sdbus::Error*) {}

void AsyncVitalsProxy::onListSensorsReply(const std::vector<SensorRowWire>& sensors,
                                          const sdbus::Error* error) {
    if (on_list_sensors_reply) {
        on_list_sensors_reply(error, sensors);
    }
}

void AsyncVitalsProxy::onGetHistoryReply(const std::vector<std::uint64_t>& timestamps_usec,
                                         const History& series, const sdbus::Error* error) {
    if (on_get_history_reply) {
        on_get_history_reply(error, timestamps_usec, series);
    }
}

void AsyncVitalsProxy::onListProcessesReply(const std::vector<ProcessRowWire>& processes,
                                            const sdbus::Error* error) {
    if (on_list_processes_reply) {
        on_list_processes_reply(error, processes);
    }
}

void AsyncVitalsProxy::onListApplicationsReply(const std::vector<ApplicationRowWire>& applications,
                                               const sdbus::Error* error) {
    if (on_list_applications_reply) {
        on_list_applications_reply(error, applications);
    }
}

}  // namespace vitalsd::monitor
