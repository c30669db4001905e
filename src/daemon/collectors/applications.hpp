// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cgroup_tree.hpp"
#include "clock.hpp"
#include "collector.hpp"
#include "throttle.hpp"

namespace vitalsd {

/// What ListApplications says of a group besides its figures.
struct Application {
    CgroupGroup group;
    std::string sensor_prefix;         ///< app/<id, escaped as a device name is>/
    std::vector<std::string> cgroups;  ///< the cgroups that start it, from the hierarchy's root
};

/// The applications, services, containers and sessions that the cgroup hierarchy groups the
/// processes into (CgroupTree), each served as app/<id>/<figure>:
///   cpu                 CPU time of its processes, in % of one CPU (cpu.stat)
///   memory              bytes charged to it (memory.current: its processes' memory and the page
///                       cache and kernel memory they caused)
///   ioRead, ioWrite     bytes per second read and written on block devices (io.stat)
///   processes           how many processes it has (cgroup.procs)
///   cpuPressure, memoryPressure, ioPressure
///                       share of time in which some of its tasks waited for that (*.pressure)
/// A cgroup's counters include those of the cgroups below it: a group's figures are its own
/// cgroups' less those of the groups inside them (a user's manager without the user's apps),
/// and what a group inside spent before it went stays subtracted. A group has the figures its
/// kernel gives: on cgroup v1 only processes; without the memory or io controller no memory or
/// I/O. The pressure of a group is that of its own cgroups, with the groups inside them.
/// The hierarchy is listed again at most once a second.
class ApplicationCollector final : public Collector {
public:
    /// Finds the hierarchy from <proc_root>/self/mountinfo, under sys_root; clock gives the wall
    /// time the stall counters are a share of and paces the listings.
    ApplicationCollector(const std::string& proc_root, const std::string& sys_root,
                         const Clock& clock);
    ~ApplicationCollector() override;

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override;

    /// Returns the groups as of the last read, sorted by id; their sensors are those whose id
    /// begins with their sensor_prefix.
    const std::vector<Application>& applications() const { return applications_; }

    /// The last segment of each group's sensor ids, in the order each group lists them.
    static constexpr std::array<std::string_view, 8> kFigures = {
        "cpu",       "memory",      "ioRead",         "ioWrite",
        "processes", "cpuPressure", "memoryPressure", "ioPressure"};

private:
    enum Figure : std::size_t {
        Cpu,
        Memory,
        IoRead,
        IoWrite,
        Processes,
        CpuPressure,
        MemoryPressure,
        IoPressure,
    };

    using Values = std::array<double, kFigures.size()>;

    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    /// A cgroup as the sums see it.
    struct Member {
        CgroupTree::Node* node;
        std::size_t group;         // in groups_
        std::size_t parent_group;  // for a measured node under a measured one, its parent's
                                   // group, whose counters include its own; else kNone
    };

    struct Group {
        std::array<bool, kFigures.size()> has{};  // the figures it has sensors for
        // Added to its counters: what its own cgroups that went had spent, less what the groups
        // inside it that went had spent (its cgroups' counters keep that).
        CgroupTree::Counters offset;
        Values sums{};  // of one read, reused
    };

    void relist();
    void retire(const CgroupTree::Node& node);
    std::size_t index_of(const std::string& id) const;
    void add_node(const Member& member);
    void write_samples(std::vector<RawSample>& out) const;

    const Clock& clock_;
    std::unique_ptr<CgroupTree> tree_;
    Throttle listings_;
    std::vector<Application> applications_;
    std::vector<Group> groups_;  // per application
    std::vector<Member> members_;
    std::vector<SensorInfo> sensors_;
    std::vector<std::unique_ptr<CgroupTree::Node>> removed_;  // reused by every listing
};

}  // namespace vitalsd
