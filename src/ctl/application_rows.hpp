// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "wire.hpp"

namespace vitalsd::ctl {

/// Returns the name top shows for a group: its hint, else its id.
const std::string& application_name(const ApplicationRow& application);

/// Sorts by CPU share or memory, highest first, a group without the figure after those with it;
/// ties go by CPU (all of them, where no group has its memory known), then by id, so the order
/// never depends on the service's. Pid does not apply to groups: they go by CPU then.
void sort_applications(std::vector<ApplicationRow>& applications, ProcessOrder order);

/// Returns top --apps' table: a header line and a line per group, the columns aligned: KIND, a
/// column for each figure that at least one of the groups has (PROCS, CPU%, MEM, READ/s,
/// WRITE/s, and PSI% for the share of time some task waited for a CPU), '-' where a group lacks
/// it, and NAME last, where a long name is cut. With a width, each line is cut to it.
std::vector<std::string> application_table_lines(const std::vector<ApplicationRow>& applications,
                                                 std::optional<std::size_t> width);

}  // namespace vitalsd::ctl
