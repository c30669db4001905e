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

/// Returns whether the error refuses the request itself, so that asking the same again gets the
/// same answer: the service's own errors (an unknown sensor, an interval below its minimum, a
/// limit), a call or arguments that the running version does not know, the bus's policy. Not
/// reaching the service (not installed, failed to start, no answer) is no refusal: that may
/// pass.
bool is_refusal(std::string_view name);

}  // namespace vitalsd
