// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "clock.hpp"
#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// The stall counters of one file of /proc/pressure, in microseconds since boot.
struct PressureTotals {
    double some = kMissing;  ///< the total= of the `some` line; missing without one
    double full = kMissing;  ///< the total= of the `full` line; missing without one
};

/// Returns the total= counters of the `some` and `full` lines of the text of a /proc/pressure
/// file; a line that is absent, or whose total is not a number, gives a missing counter.
PressureTotals parse_pressure(std::string_view text);

/// Pressure stall information from <proc>/pressure/{cpu,memory,io}: pressure/<resource>/some and
/// pressure/<resource>/full, the share of wall time in which some or all non-idle tasks were
/// stalled waiting for the resource, averaged over each client's interval (not the kernel's
/// avg10/60/300). A Share of the stall counter over the monotonic clock. Beside each, the
/// counter itself in seconds since boot: pressure/<resource>/totalSome and totalFull. The sensors
/// are those the kernel gives at construction: none without PSI (no /proc/pressure, or psi=0, where
/// a read fails), and no `full` for a file without that line (cpu before Linux 5.13).
class PressureCollector final : public Collector {
public:
    /// Reads the three files once under proc_root to find the sensors; clock gives the wall time
    /// the stall counters are a share of.
    PressureCollector(const std::string& proc_root, const Clock& clock);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    static constexpr std::size_t kResourceCount = 3;  // cpu, memory, io

    struct Lines {
        bool some = false;
        bool full = false;
    };

    const Clock& clock_;
    std::vector<SensorInfo> sensors_;
    std::array<ProcFile, kResourceCount> files_;
    std::array<Lines, kResourceCount> lines_;  // the lines each file has sensors for
};

}  // namespace vitalsd
