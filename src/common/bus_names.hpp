// SPDX-License-Identifier: MIT
#pragma once

namespace vitalsd {

inline constexpr const char* kServiceName = "io.github.vitalsd.Vitals1";
inline constexpr const char* kObjectPath = "/io/github/vitalsd/Vitals1";
inline constexpr const char* kErrorPrefix = "io.github.vitalsd.Error.";

inline constexpr const char* kDBusName = "org.freedesktop.DBus";
inline constexpr const char* kDBusPath = "/org/freedesktop/DBus";

}  // namespace vitalsd
