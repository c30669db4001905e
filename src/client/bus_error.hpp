// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace vitalsd {

/// Returns what a D-Bus error name means for a person at a shell: "unknown sensor", "the
/// service is not installed on this bus", ...; the name itself when it is not one we know.
std::string error_meaning(std::string_view name);

/// Returns the one line that reports a failed call: the meaning, the sender's message when it
/// adds something, and the error name for searching: "unknown sensor: no sensor 'x/y'
/// (io.github.vitalsd.Error.UnknownSensor)".
std::string describe_error(std::string_view name, std::string_view message);

}  // namespace vitalsd
