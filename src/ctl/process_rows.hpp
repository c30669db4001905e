// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "wire.hpp"

namespace vitalsd::ctl {

/// Sorts by CPU share or resident memory, highest first, or by pid; ties go by pid, so the
/// order never depends on the service's.
void sort_processes(std::vector<ProcessRow>& processes, ProcessOrder order);

/// Returns top's table: a header line (PID USER S CPU% MEM THR COMMAND) and a line per process,
/// the columns aligned. The command is the command line, or the name in brackets for kernel
/// threads, which have none. With a width, each line is cut to it.
std::vector<std::string> process_table_lines(
    const std::vector<ProcessRow>& processes,
    const std::function<std::string(std::uint32_t uid)>& user_name,
    std::optional<std::size_t> width);

}  // namespace vitalsd::ctl
