// SPDX-License-Identifier: MIT
#include "service_connection.hpp"

#include "bus_names.hpp"

namespace vitalsd {
namespace {

std::unique_ptr<sdbus::IConnection> connect(BusChoice bus) {
    try {
        return bus == BusChoice::System ? sdbus::createSystemBusConnection()
                                        : sdbus::createSessionBusConnection();
    } catch (const sdbus::Error& e) {
        // sdbus-c++ names every failure alike; say which bus could not be reached.
        throw sdbus::Error(
            "org.freedesktop.DBus.Error.NoServer",
            std::string("cannot connect to the ") + bus_label(bus) + " bus: " + e.getMessage());
    }
}

}  // namespace

VitalsProxy::VitalsProxy(sdbus::IConnection& connection, const std::string& destination)
    : ProxyInterfaces(connection, destination, vitalsd::kObjectPath) {
    registerProxy();
}

VitalsProxy::~VitalsProxy() {
    unregisterProxy();
}

std::map<std::string, sdbus::Variant> VitalsProxy::all_properties() {
    std::map<std::string, sdbus::Variant> properties;
    getProxy()
        .callMethod("GetAll")
        .onInterface("org.freedesktop.DBus.Properties")
        .withArguments(std::string(INTERFACE_NAME))
        .storeResultsTo(properties);
    return properties;
}

SensorDirectory VitalsProxy::sensor_directory() {
    return from_wire(ListSensors());
}

std::pair<std::uint64_t, std::map<std::string, double>> VitalsProxy::values_within(
    const std::vector<std::string>& sensors, std::chrono::microseconds timeout) {
    std::uint64_t timestamp_usec = 0;
    std::map<std::string, double> values;
    getProxy()
        .callMethod("GetValues")
        .onInterface(INTERFACE_NAME)
        .withTimeout(timeout)
        .withArguments(sensors)
        .storeResultsTo(timestamp_usec, values);
    return {timestamp_usec, std::move(values)};
}

std::vector<ProcessRow> VitalsProxy::processes() {
    std::vector<ProcessRow> rows;
    for (const auto& p : ListProcesses()) {
        rows.push_back(from_wire(p));
    }
    return rows;
}

void VitalsProxy::onSensorsChanged(const std::vector<std::string>&,
                                   const std::vector<std::string>&) {
    if (on_sensors_changed) {
        on_sensors_changed();
    }
}

void VitalsProxy::onUpdated(const std::uint64_t& timestamp_usec,
                            const std::map<std::string, double>& values) {
    if (on_updated) {
        on_updated(getProxy().getCurrentlyProcessedMessage()->getSender(), timestamp_usec, values);
    }
}

ServiceConnection::ServiceConnection(BusChoice choice)
    : BusConnection{connect(choice)},
      choice(choice),
      bus(*BusConnection::connection),
      vitals(*BusConnection::connection, vitalsd::kServiceName) {}

}  // namespace vitalsd
