// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "collector.hpp"
#include "proc_file.hpp"
#include "process_count.hpp"

namespace vitalsd {

/// Fills out (system/running, then the contextSwitches, interrupts and forks counters) from the
/// text of /proc/stat: procs_running, ctxt, the first number of intr (the total) and processes.
/// What the text lacks stays missing.
void parse_system_stat(std::string_view text, std::span<RawSample> out);

/// Returns the seconds since boot, the first number of the text of /proc/uptime; nullopt when
/// the text does not start with one.
std::optional<double> parse_uptime(std::string_view text);

/// Returns the number of threads in the system, the total after the '/' of the fourth field of
/// the text of /proc/loadavg ("0.49 0.22 0.07 1/79 3237"); nullopt when there is none.
std::optional<double> parse_thread_count(std::string_view text);

/// Whole-system counts: system/uptime (s), system/processes, system/threads and system/running
/// (counts), system/contextSwitches, system/interrupts and system/forks (per second), and the
/// same three as the kernel's counters: system/totalContextSwitches, totalInterrupts, totalForks.
class SystemCollector final : public Collector {
public:
    explicit SystemCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    std::vector<SensorInfo> sensors_;
    ProcFile uptime_;
    ProcFile loadavg_;
    ProcFile stat_;
    ProcessCount processes_;
};

}  // namespace vitalsd
