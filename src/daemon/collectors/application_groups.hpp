// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cgroup_tree.hpp"
#include "clock.hpp"
#include "throttle.hpp"

namespace vitalsd {

/// What ListApplications says of a group besides its figures.
struct Application {
    CgroupGroup group;
    std::string sensor_prefix;         ///< app/<id, escaped as a device name is>/
    std::vector<std::string> cgroups;  ///< the cgroups that start it, from the hierarchy's root
};

/// The applications, services, containers and sessions that the cgroup hierarchy groups the
/// processes into (CgroupTree), shared by the collectors of their figures
/// (application_figures.hpp), each of which reads only its own files. The hierarchy is listed
/// again at most once a second, by whichever collector is read first.
///
/// A cgroup's counters include those of the cgroups below it, so a group's counters are its
/// measured cgroups' less those of the measured cgroups of other groups directly inside them
/// (a user's manager without the user's apps): each member knows the group it subtracts from.
/// When a measured cgroup goes, its parent's counters keep what it spent: the offsets keep
/// every group's counters continuous.
class ApplicationGroups {
public:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    /// A cgroup as the sums see it.
    struct Member {
        CgroupTree::Node* node;
        std::size_t group;         ///< in applications()
        std::size_t parent_group;  ///< for a measured node under a measured one, its parent's
                                   ///< group, whose counters include its own; else kNone
    };

    /// Finds the hierarchy from <proc_root>/self/mountinfo, under sys_root; clock paces the
    /// listings. Without a hierarchy there are no groups.
    ApplicationGroups(const std::string& proc_root, const std::string& sys_root,
                      const Clock& clock);
    ~ApplicationGroups();

    /// Lists the hierarchy again if a second has passed since the last listing.
    void refresh();

    /// Counts the listings that changed the groups: a collector whose sensors are of another
    /// generation lists them again.
    std::uint64_t generation() const { return generation_; }

    /// Returns the groups, sorted by id.
    const std::vector<Application>& applications() const { return applications_; }
    /// Returns every cgroup, parents before their children.
    const std::vector<Member>& members() const { return members_; }
    /// Returns what to add to a group's counters for the cgroups that went.
    const CgroupTree::Counters& offset(std::size_t group) const { return offsets_[group]; }
    /// Returns whether any of a group's cgroups has the file.
    bool has(std::size_t group, CgroupTree::File file) const;

    /// Returns the processes of each group, sorted, read from its cgroups now.
    std::vector<std::vector<std::uint32_t>> read_pids();

    /// Reads a file of a member's cgroup; see CgroupTree::read.
    std::optional<std::string_view> read(const Member& member, CgroupTree::File file) {
        return tree_->read(*member.node, file);
    }

private:
    void relist();
    void retire(const CgroupTree::Node& node);
    std::size_t index_of(const std::string& id) const;

    std::unique_ptr<CgroupTree> tree_;
    Throttle listings_;
    std::uint64_t generation_ = 0;
    std::vector<Application> applications_;
    std::vector<CgroupTree::Counters> offsets_;  // per application
    std::vector<std::uint8_t> files_;            // per application, a bit per CgroupTree::File
    std::vector<Member> members_;
    std::vector<std::unique_ptr<CgroupTree::Node>> removed_;  // reused by every listing
};

}  // namespace vitalsd
