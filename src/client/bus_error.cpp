// SPDX-License-Identifier: MIT
#include "bus_error.hpp"

#include <algorithm>
#include <array>

#include "bus_names.hpp"

namespace vitalsd {
namespace {

struct KnownError {
    std::string_view name;
    std::string_view meaning;
    bool refusal;  // the request itself is refused: asking the same again gets the same answer
};

// The service's own errors (dbus/io.github.vitalsd.Vitals1.xml) and the bus's that a client of
// an activatable service meets; see the D-Bus specification, "Message Bus Messages".
constexpr std::array<KnownError, 16> kKnownErrors = {{
    {"io.github.vitalsd.Error.UnknownSensor", "unknown sensor", true},
    {"io.github.vitalsd.Error.InvalidArgument", "invalid argument", true},
    {"io.github.vitalsd.Error.LimitExceeded", "over the service's limit", true},
    {"org.freedesktop.DBus.Error.ServiceUnknown",
     "the service is not installed on this bus (no activation file)", false},
    {"org.freedesktop.DBus.Error.NameHasNoOwner", "the service is not running", false},
    {"org.freedesktop.DBus.Error.NoReply", "the service did not answer in time", false},
    {"org.freedesktop.DBus.Error.Timeout", "the service did not answer in time", false},
    {"org.freedesktop.DBus.Error.TimedOut", "the service did not answer in time", false},
    {"org.freedesktop.DBus.Error.AccessDenied", "the bus's policy forbids this call", true},
    {"org.freedesktop.DBus.Error.NoServer", "cannot reach the bus", false},
    {"org.freedesktop.DBus.Error.Disconnected", "the bus connection was lost", false},
    {"org.freedesktop.DBus.Error.UnknownMethod",
     "the running service does not know this call (another version?)", true},
    {"org.freedesktop.DBus.Error.UnknownObject",
     "the running service does not know this call (another version?)", true},
    {"org.freedesktop.DBus.Error.UnknownInterface",
     "the running service does not know this call (another version?)", true},
    {"org.freedesktop.DBus.Error.InvalidArgs", "the service refused the arguments", true},
    {"org.freedesktop.DBus.Error.Failed", "the service failed", false},
}};

const KnownError* find_known(std::string_view name) {
    const auto found = std::find_if(kKnownErrors.begin(), kKnownErrors.end(),
                                    [&](const KnownError& known) { return known.name == name; });
    return found == kKnownErrors.end() ? nullptr : &*found;
}

constexpr std::string_view kSpawnPrefix = "org.freedesktop.DBus.Error.Spawn.";

}  // namespace

std::string error_meaning(std::string_view name) {
    if (const auto* known = find_known(name)) {
        return std::string(known->meaning);
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

bool is_refusal(std::string_view name) {
    if (const auto* known = find_known(name)) {
        return known->refusal;
    }
    // Every error of the service's own refuses a request, those of newer versions too.
    return name.starts_with(kErrorPrefix);
}

}  // namespace vitalsd
