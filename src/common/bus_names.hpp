// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace vitalsd {

inline constexpr const char* kServiceName = "io.github.vitalsd.Vitals1";
inline constexpr const char* kObjectPath = "/io/github/vitalsd/Vitals1";
inline constexpr const char* kErrorPrefix = "io.github.vitalsd.Error.";

inline constexpr const char* kDBusName = "org.freedesktop.DBus";
inline constexpr const char* kDBusPath = "/org/freedesktop/DBus";

/// Returns the match rule for the bus's NameOwnerChanged signals about one name.
inline std::string name_owner_changed_match(const std::string& name) {
    return "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',"
           "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='" +
           name + "'";
}

}  // namespace vitalsd
