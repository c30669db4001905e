// SPDX-License-Identifier: MIT
#include "application_groups.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cgroup_files.hpp"
#include "proc_file.hpp"
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

constexpr std::uint64_t kListingIntervalUsec = 1'000'000;

std::uint8_t bit(CgroupTree::File file) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(file));
}

// Calls fn for every node of a tree, parents before their children.
template <typename Fn>
void for_each_node(CgroupTree::Node& node, Fn&& fn) {
    fn(node);
    for (const auto& child : node.children()) {
        for_each_node(*child, fn);
    }
}

}  // namespace

ApplicationGroups::ApplicationGroups(const std::string& proc_root, const std::string& sys_root,
                                     const Clock& clock)
    : listings_(clock, kListingIntervalUsec) {
    static_assert(CgroupTree::kFileCount <= 8, "a bit per file in files_");
    ProcFile mountinfo(proc_root + "/self/mountinfo");
    const auto hierarchy = find_cgroup_hierarchy(mountinfo.read().value_or(""), sys_root);
    if (!hierarchy) {
        return;
    }
    tree_ = std::make_unique<CgroupTree>(*hierarchy);
    if (tree_->root() == nullptr) {
        tree_.reset();  // mounted, but not where the service can open it
        return;
    }
    listings_.pass();
    tree_->refresh(removed_);
    relist();
}

ApplicationGroups::~ApplicationGroups() = default;

bool ApplicationGroups::has(std::size_t group, CgroupTree::File file) const {
    return (files_[group] & bit(file)) != 0;
}

std::size_t ApplicationGroups::index_of(const std::string& id) const {
    const auto found = std::lower_bound(applications_.begin(), applications_.end(), id,
                                        [](const Application& application, const std::string& key) {
                                            return application.group.id < key;
                                        });
    return found != applications_.end() && found->group.id == id
               ? static_cast<std::size_t>(found - applications_.begin())
               : kNone;
}

void ApplicationGroups::refresh() {
    if (tree_ == nullptr || !listings_.pass() || !tree_->refresh(removed_)) {
        return;
    }
    for (const auto& node : removed_) {
        for_each_node(*node, [&](const CgroupTree::Node& gone) { retire(gone); });
    }
    removed_.clear();
    relist();
}

std::vector<std::vector<std::uint32_t>> ApplicationGroups::read_pids() {
    std::vector<std::vector<std::uint32_t>> pids(applications_.size());
    for (const auto& member : members_) {
        if (const auto procs = read(member, CgroupTree::File::Procs)) {
            parse_listed_processes(*procs, pids[member.group]);
        }
    }
    for (auto& group : pids) {
        std::sort(group.begin(), group.end());
    }
    return pids;
}

void ApplicationGroups::retire(const CgroupTree::Node& node) {
    if (!node.measured()) {
        return;
    }
    const auto add = [](CgroupTree::Counters& to, const CgroupTree::Counters& what, double sign) {
        to.cpu_usec += sign * what.cpu_usec;
        to.read_bytes += sign * what.read_bytes;
        to.written_bytes += sign * what.written_bytes;
    };
    // Its own group's sum loses what it spent; its parent's counters keep it.
    if (const auto own = index_of(node.group().id); own != kNone) {
        add(offsets_[own], node.last, 1);
    }
    if (const auto parent = index_of(node.parent()->group().id);
        parent != kNone && node.parent()->parent() != nullptr) {
        add(offsets_[parent], node.last, -1);
    }
}

void ApplicationGroups::relist() {
    std::unordered_map<std::string, CgroupTree::Counters> old_offsets;
    for (std::size_t i = 0; i < applications_.size(); ++i) {
        old_offsets.emplace(applications_[i].group.id, offsets_[i]);
    }
    std::map<std::string, Application> found;
    for_each_node(*tree_->root(), [&](CgroupTree::Node& node) {
        if (!node.starts()) {
            return;
        }
        const auto& group = *node.starts();
        auto [entry, added] = found.try_emplace(group.id);
        auto& application = entry->second;
        if (added) {
            application.group = group;
            application.sensor_prefix = "app/" + id_segment(group.id) + "/";
        }
        application.cgroups.push_back(node.path());
    });
    applications_.clear();
    offsets_.clear();
    for (auto& [id, application] : found) {
        const auto offset = old_offsets.find(id);
        offsets_.push_back(offset != old_offsets.end() ? offset->second : CgroupTree::Counters{});
        applications_.push_back(std::move(application));
    }
    files_.assign(applications_.size(), 0);
    members_.clear();
    for_each_node(*tree_->root(), [&](CgroupTree::Node& node) {
        const bool nested =
            node.measured() && node.parent() != nullptr && node.parent()->parent() != nullptr;
        const auto group = index_of(node.group().id);
        members_.push_back({&node, group, nested ? index_of(node.parent()->group().id) : kNone});
        for (std::size_t file = 0; file < CgroupTree::kFileCount; ++file) {
            if (node.has(static_cast<CgroupTree::File>(file))) {
                files_[group] |= bit(static_cast<CgroupTree::File>(file));
            }
        }
    });
    ++generation_;
}

}  // namespace vitalsd
