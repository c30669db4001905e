// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "bus_choice.hpp"
#include "bus_daemon.hpp"
#include "sensor_directory.hpp"
#include "vitals1_proxy.h"
#include "wire.hpp"

namespace vitalsd {

/// The service's interface through the generated proxy, on a connection the caller owns.
/// Addressed to a unique name rather than the well-known one, calls reach that instance alone
/// and never activate the service.
class VitalsProxy final : public sdbus::ProxyInterfaces<io::github::vitalsd::Vitals1_proxy> {
public:
    using UpdateHandler =
        std::function<void(const std::string& sender, std::uint64_t timestamp_usec,
                           const std::map<std::string, double>& values)>;

    VitalsProxy(sdbus::IConnection& connection, const std::string& destination);
    ~VitalsProxy();

    /// Returns every property (Version, Sampling, Interval, Clients, IdleTimeout) in one call.
    /// Throws sdbus::Error.
    std::map<std::string, sdbus::Variant> all_properties();

    /// Returns the sensors (ListSensors). Throws sdbus::Error.
    SensorDirectory sensor_directory();

    /// Returns GetValues' timestamp and values, or throws sdbus::Error when the reply has not
    /// come within the timeout (a server answering a network peer cannot wait the bus's 25 s).
    std::pair<std::uint64_t, std::map<std::string, double>> values_within(
        const std::vector<std::string>& sensors, std::chrono::microseconds timeout);

    /// Returns the process table (ListProcesses). Throws sdbus::Error.
    std::vector<ProcessRow> processes();

    /// Called from dispatching for each Updated signal, with the unique name that sent it.
    UpdateHandler on_updated;

    /// Called from dispatching when sensors came or went with their devices.
    std::function<void()> on_sensors_changed;

private:
    void onUpdated(const std::uint64_t& timestamp_usec,
                   const std::map<std::string, double>& values) override;
    void onSensorsChanged(const std::vector<std::string>& added,
                          const std::vector<std::string>& removed) override;
};

/// Holds the connection, first in the object so that it outlives what uses it.
struct BusConnection {
    std::unique_ptr<sdbus::IConnection> connection;
};

/// A client's connection to the chosen bus and the two parties a command talks to: the bus
/// itself and the service by its well-known name (which activates it).
class ServiceConnection : private BusConnection {
public:
    /// Connects to the bus. Throws sdbus::Error, with a message naming the bus.
    explicit ServiceConnection(BusChoice choice);

    sdbus::IConnection& connection() { return *BusConnection::connection; }

    const BusChoice choice;
    BusDaemon bus;
    VitalsProxy vitals;
};

}  // namespace vitalsd
