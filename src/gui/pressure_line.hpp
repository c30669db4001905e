// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>
#include <vector>

namespace vitalsd::monitor {

/// The sensors the pressure line reads: the share of time in which some task waited for the CPU,
/// for memory, for I/O (/proc/pressure, in %).
inline constexpr const char* kPressurePattern = "pressure/*/some";

/// One share of the pressure line: what waited for ("CPU", "Memory", "I/O") and how long, for
/// people ("12.5 %").
struct PressureShare {
    std::string caption;
    std::string value;

    bool operator==(const PressureShare&) const = default;
};

/// Returns what the Resources page says of pressure, given the newest value of each sensor: the
/// shares of CPU, memory and I/O that it has. None when it has none, or when each reads 0.0 % (a
/// NaN counts as none): then nothing waits, and the page says nothing.
std::vector<PressureShare> pressure_line(const std::map<std::string, double>& latest);

}  // namespace vitalsd::monitor
