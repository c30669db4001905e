// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "application_groups.hpp"
#include "clock.hpp"
#include "collector.hpp"

namespace vitalsd {

/// The figures of a group of processes, the last segment of its sensors' ids
/// (app/<id>/<figure>), in the order ListApplications and ListSensors give them:
///   cpu                 CPU time of its processes, in % of one CPU (cpu.stat)
///   memory              bytes charged to it (memory.current: its processes' memory and the page
///                       cache and kernel memory they caused)
///   ioRead, ioWrite     bytes per second read and written on block devices (io.stat)
///   processes           how many processes it has (cgroup.procs)
///   cpuPressure, memoryPressure, ioPressure
///                       share of time in which some of its tasks waited for that (*.pressure),
///                       with the groups inside its cgroups
/// A group has the figures its kernel gives: on cgroup v1 only processes; without the memory or
/// io controller no memory or I/O.
inline constexpr std::array<std::string_view, 8> kApplicationFigures = {
    "cpu",       "memory",      "ioRead",         "ioWrite",
    "processes", "cpuPressure", "memoryPressure", "ioPressure"};

/// Which of the figures a collector serves: those read from one kind of file, so that a tick
/// subscribed to app/*/cpu reads cpu.stat and nothing else.
enum class ApplicationFigureSet { Cpu, Memory, Io, Processes, Pressure };

/// The figures of one set for every group of the shared ApplicationGroups.
class ApplicationFigureCollector final : public Collector {
public:
    /// clock gives the wall time the stall counters are a share of.
    ApplicationFigureCollector(std::shared_ptr<ApplicationGroups> groups,
                               ApplicationFigureSet figures, const Clock& clock);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override;

    /// The groups, for what ListApplications says of them besides their figures.
    ApplicationGroups& groups() { return *groups_; }

private:
    static constexpr std::size_t kMostFigures = 3;  // of one set: the three pressures
    using Values = std::array<double, kMostFigures>;

    void relist();
    /// Reads a member's values of this set; false for a member whose files this set does not
    /// read (one below the cgroup that measures its group).
    bool measure(const ApplicationGroups::Member& member, Values& values);
    /// What a member's parent's counter holds of the member's figure when the member's own
    /// holds no number; missing for a figure that is not a counter.
    double kept_in_parent(const ApplicationGroups::Member& member, std::size_t figure) const;

    std::shared_ptr<ApplicationGroups> groups_;
    ApplicationFigureSet set_;
    std::size_t first_;  // in kApplicationFigures
    std::size_t count_;
    const Clock& clock_;
    std::uint64_t generation_ = 0;  // of the groups the sensors were listed for
    std::vector<SensorInfo> sensors_;
    std::vector<std::uint8_t> served_;  // per group, a bit per figure of the set it has a sensor of
    std::vector<Values> sums_;          // per group, reused
};

/// Returns one collector of each figure set, sharing one ApplicationGroups.
std::vector<std::unique_ptr<Collector>> make_application_collectors(const std::string& proc_root,
                                                                    const std::string& sys_root,
                                                                    const Clock& clock);

}  // namespace vitalsd
