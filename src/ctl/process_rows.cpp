// SPDX-License-Identifier: MIT
#include "process_rows.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "text_table.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {

void sort_processes(std::vector<ProcessRow>& processes, ProcessOrder order) {
    std::sort(processes.begin(), processes.end(), [order](const auto& a, const auto& b) {
        switch (order) {
            case ProcessOrder::Cpu:
                return std::tie(b.cpu_percent, a.pid) < std::tie(a.cpu_percent, b.pid);
            case ProcessOrder::Memory:
                return std::tie(b.resident_bytes, a.pid) < std::tie(a.resident_bytes, b.pid);
            case ProcessOrder::Pid:
                break;
        }
        return a.pid < b.pid;
    });
}

std::vector<std::string> process_table_lines(
    const std::vector<ProcessRow>& processes,
    const std::function<std::string(std::uint32_t uid)>& user_name,
    std::optional<std::size_t> width) {
    std::vector<std::vector<std::string>> cells;
    cells.reserve(processes.size() + 1);
    cells.push_back({"PID", "USER", "S", "CPU%", "MEM", "THR", "COMMAND"});
    for (const auto& p : processes) {
        char cpu[32];
        std::snprintf(cpu, sizeof cpu, "%.1f", p.cpu_percent);
        cells.push_back({std::to_string(p.pid), user_name(p.uid), printable(p.state), cpu,
                         human_value(static_cast<double>(p.resident_bytes), "B"),
                         std::to_string(p.threads),
                         printable(p.command_line.empty() ? "[" + p.name + "]" : p.command_line)});
    }
    auto lines = align_columns(cells, {Align::Right, Align::Left, Align::Left, Align::Right,
                                       Align::Right, Align::Right, Align::Left});
    if (width) {
        for (auto& line : lines) {
            line = fit_width(line, *width);
        }
    }
    return lines;
}

}  // namespace vitalsd::ctl
