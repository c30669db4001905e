// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sensor.hpp"

namespace vitalsd {

/// Returns the usage_usec of the text of a cgroup's cpu.stat: the CPU time its tasks and its
/// descendants' took, in microseconds; missing when the line is absent or garbled.
double parse_cpu_usage_usec(std::string_view text);

/// The bytes a cgroup and its descendants read and wrote, over all devices.
struct IoBytes {
    double read = kMissing;
    double written = kMissing;
};

/// Returns the sums of rbytes= and wbytes= over the lines of the text of a cgroup's io.stat
/// ("8:0 rbytes=1 wbytes=2 rios=3 ..."). An empty file is a cgroup that did no I/O yet: 0 and 0.
/// A line without a number where one belongs makes both missing.
IoBytes parse_io_stat(std::string_view text);

/// Returns how many processes the text of a cgroup.procs lists: one pid a line.
std::size_t count_listed_processes(std::string_view text);

/// Appends the pids the text of a cgroup.procs lists to pids; a line that is not one is left out.
void parse_listed_processes(std::string_view text, std::vector<std::uint32_t>& pids);

}  // namespace vitalsd
