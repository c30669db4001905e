// SPDX-License-Identifier: MIT
#include "bus_error.hpp"

#include <array>
#include <utility>

namespace vitalsd {
namespace {

// The service's own errors (dbus/io.github.vitalsd.Vitals1.xml) and the bus's that a client of
// an activatable service meets; see the D-Bus specification, "Message Bus Messages".
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kMeanings = {{
    {"io.github.vitalsd.Error.UnknownSensor", "unknown sensor"},
    {"io.github.vitalsd.Error.InvalidArgument", "invalid argument"},
    {"io.github.vitalsd.Error.LimitExceeded", "over the service's limit"},
    {"org.freedesktop.DBus.Error.ServiceUnknown",
     "the service is not installed on this bus (no activation file)"},
    {"org.freedesktop.DBus.Error.NameHasNoOwner", "the service is not running"},
    {"org.freedesktop.DBus.Error.NoReply", "the service did not answer in time"},
    {"org.freedesktop.DBus.Error.Timeout", "the service did not answer in time"},
    {"org.freedesktop.DBus.Error.TimedOut", "the service did not answer in time"},
    {"org.freedesktop.DBus.Error.AccessDenied", "the bus's policy forbids this call"},
    {"org.freedesktop.DBus.Error.NoServer", "cannot reach the bus"},
    {"org.freedesktop.DBus.Error.Disconnected", "the bus connection was lost"},
    {"org.freedesktop.DBus.Error.UnknownMethod",
     "the running service does not know this call (another version?)"},
    {"org.freedesktop.DBus.Error.UnknownObject",
     "the running service does not know this call (another version?)"},
    {"org.freedesktop.DBus.Error.UnknownInterface",
     "the running service does not know this call (another version?)"},
    {"org.freedesktop.DBus.Error.InvalidArgs", "the service refused the arguments"},
    {"org.freedesktop.DBus.Error.Failed", "the service failed"},
}};

constexpr std::string_view kSpawnPrefix = "org.freedesktop.DBus.Error.Spawn.";

}  // namespace

std::string error_meaning(std::string_view name) {
    for (const auto& [known, meaning] : kMeanings) {
        if (name == known) {
            return std::string(meaning);
        }
    }
    if (name.starts_with(kSpawnPrefix)) {
        return "the bus could not start the service";
    }
    return std::string(name);
}

std::string describe_error(std::string_view name, std::string_view message) {
    const std::string meaning = error_meaning(name);
    std::string line = meaning;
    if (!message.empty() && message != meaning) {
        line += ": ";
        line += message;
    }
    // One line whatever the sender wrote.
    for (auto& c : line) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    if (meaning != name) {
        line += " (" + std::string(name) + ")";
    }
    return line;
}

}  // namespace vitalsd
