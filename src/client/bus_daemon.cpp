// SPDX-License-Identifier: MIT
#include "bus_daemon.hpp"

#include "bus_names.hpp"
#include "name_owner.hpp"

namespace vitalsd {
namespace {

constexpr const char* kNameHasNoOwner = "org.freedesktop.DBus.Error.NameHasNoOwner";

// StartServiceByName's replies, from the D-Bus specification.
constexpr std::uint32_t kStartReplySuccess = 1;

}  // namespace

BusDaemon::BusDaemon(sdbus::IConnection& connection)
    : connection_(connection),
      bus_(sdbus::createProxy(connection, vitalsd::kDBusName, vitalsd::kDBusPath)) {}

std::optional<std::string> BusDaemon::service_owner() {
    std::string owner;
    try {
        bus_->callMethod("GetNameOwner")
            .onInterface(vitalsd::kDBusName)
            .withArguments(std::string(vitalsd::kServiceName))
            .storeResultsTo(owner);
    } catch (const sdbus::Error& e) {
        if (e.getName() == kNameHasNoOwner) {
            return std::nullopt;
        }
        throw;
    }
    return owner;
}

std::uint32_t BusDaemon::pid_of(const std::string& unique_name) {
    std::uint32_t pid = 0;
    bus_->callMethod("GetConnectionUnixProcessID")
        .onInterface(vitalsd::kDBusName)
        .withArguments(unique_name)
        .storeResultsTo(pid);
    return pid;
}

bool BusDaemon::start_service() {
    std::uint32_t reply = 0;
    bus_->callMethod("StartServiceByName")
        .onInterface(vitalsd::kDBusName)
        .withArguments(std::string(vitalsd::kServiceName), std::uint32_t{0})
        .storeResultsTo(reply);
    return reply == kStartReplySuccess;
}

sdbus::Slot BusDaemon::watch_service_owner(
    std::function<void(const std::string&, const std::string&)> on_change) {
    return watch_name_owner(connection_, kServiceName, std::move(on_change));
}

}  // namespace vitalsd
