// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "vitals1_async_proxy.h"
#include "wire.hpp"

namespace vitalsd::monitor {

/// The service's interface for a client that must never wait: the proxy generated with every
/// method asynchronous. A call returns at once; its reply, like each signal, comes from
/// dispatching (the GLib main loop, see BusEventSource) to the function set for it, in the wire
/// types of wire.hpp. Destroying the proxy drops the replies still due. Addressed to the
/// well-known name, the first call activates the service; addressed to a unique name, calls reach
/// that instance alone. The generated property getters wait for their answer: ask_version()
/// does not.
class AsyncVitalsProxy final
    : public sdbus::ProxyInterfaces<io::github::vitalsd::Vitals1_async_proxy> {
public:
    using History = std::map<std::string, std::vector<double>>;
    using Values = std::map<std::string, double>;

    /// Registers the proxy for the service's signals on the connection, which must outlive it.
    AsyncVitalsProxy(sdbus::IConnection& connection, const std::string& destination);
    ~AsyncVitalsProxy();

    /// Asks for the Version property; the answer comes through on_version_reply.
    void ask_version();

    std::function<void(const sdbus::Error* error)> on_start_reply;
    std::function<void(const sdbus::Error* error, const std::vector<SensorRowWire>& sensors)>
        on_list_sensors_reply;
    std::function<void(const sdbus::Error* error, const std::vector<std::uint64_t>& timestamps_usec,
                       const History& series)>
        on_get_history_reply;
    std::function<void(const sdbus::Error* error, const std::vector<ProcessRowWire>& processes)>
        on_list_processes_reply;
    std::function<void(const sdbus::Error* error,
                       const std::vector<ApplicationRowWire>& applications)>
        on_list_applications_reply;
    std::function<void(const sdbus::Error* error, const std::string& version)> on_version_reply;

    /// Called for each Updated signal.
    std::function<void(std::uint64_t timestamp_usec, const Values& values)> on_updated;
    /// Called when sensors came or went with their devices.
    std::function<void()> on_sensors_changed;

private:
    void onUpdated(const std::uint64_t& timestamp_usec, const Values& values) override;
    void onSensorsChanged(const std::vector<std::string>& added,
                          const std::vector<std::string>& removed) override;
    void onStartReply(const sdbus::Error* error) override;
    void onStopReply(const sdbus::Error* error) override;
    void onGetValuesReply(const std::uint64_t& timestamp_usec, const Values& values,
                          const sdbus::Error* error) override;
    void onListSensorsReply(const std::vector<SensorRowWire>& sensors,
                            const sdbus::Error* error) override;
    void onGetHistoryReply(const std::vector<std::uint64_t>& timestamps_usec, const History& series,
                           const sdbus::Error* error) override;
    void onListApplicationsReply(const std::vector<ApplicationRowWire>& applications,
                                 const sdbus::Error* error) override;
    void onListProcessesReply(const std::vector<ProcessRowWire>& processes,
                              const sdbus::Error* error) override;
    void onShutdownReply(const sdbus::Error* error) override;
};

}  // namespace vitalsd::monitor
