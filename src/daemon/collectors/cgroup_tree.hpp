// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cgroup_names.hpp"

namespace vitalsd {

/// The cgroup hierarchy that holds every process in its unit: cgroup v2's, or on a system
/// without it the name=systemd hierarchy of cgroup v1, which has the same tree but none of the
/// files that measure use.
struct CgroupHierarchy {
    std::string directory;  ///< where it is mounted, under the service's sysfs root
    bool unified = false;   ///< cgroup v2
};

/// Returns the hierarchy from the text of /proc/PID/mountinfo: the cgroup2 mount wherever it is
/// (/sys/fs/cgroup on a unified system, /sys/fs/cgroup/unified on a hybrid one), else the
/// cgroup v1 mount named systemd; nullopt with neither. A mount point under /sys is taken under
/// sys_root, so that a captured tree is read in its place.
std::optional<CgroupHierarchy> find_cgroup_hierarchy(std::string_view mountinfo,
                                                     const std::string& sys_root);

/// The cgroups of a hierarchy as a tree of directories kept open, with the files each is
/// measured by, and the group each belongs to by the naming conventions (classify_cgroup): a
/// cgroup that starts no group belongs to its parent's, and the root starts the group "system".
/// Inside a group that holds no others (an app, a container) every cgroup belongs to it, whatever
/// its name.
class CgroupTree {
public:
    /// The files a cgroup is measured by. Every node opens cgroup.procs; a measured one opens
    /// the others too, those its kernel has (memory.current only with the memory controller,
    /// io.stat only with the io controller, the pressure files only with PSI).
    enum class File {
        Procs,
        CpuStat,
        MemoryCurrent,
        IoStat,
        CpuPressure,
        MemoryPressure,
        IoPressure
    };
    static constexpr std::size_t kFileCount = 7;

    /// The counters last read of a measured node: when the cgroup goes, its parent's counters
    /// keep what it spent, and its parent's group must stop counting that amount.
    struct Counters {
        double cpu_usec = 0;
        double read_bytes = 0;
        double written_bytes = 0;
    };

    class Node {
    public:
        Node(Node* parent, std::string path, int dir, std::optional<CgroupGroup> starts);
        ~Node();
        Node(const Node&) = delete;
        Node& operator=(const Node&) = delete;

        /// From the hierarchy's root: "/" for the root, "/user.slice/user-1000.slice", ...
        const std::string& path() const { return path_; }
        std::string_view name() const;
        Node* parent() const { return parent_; }
        /// The group this cgroup starts, if it starts one.
        const std::optional<CgroupGroup>& starts() const { return starts_; }
        /// The node that starts the group this cgroup belongs to: itself, or an ancestor.
        const Node& group_start() const { return *group_start_; }
        const CgroupGroup& group() const { return *group_start_->starts_; }
        /// Whether its group's figures are read from its files: a cgroup that starts a group, or
        /// a child of the root. The root's own counters are the whole machine's, not a cgroup's
        /// (and only as fine as the scheduler's tick), so the group "system" is measured at the
        /// root's children that start no group of their own.
        bool measured() const { return measured_; }
        bool has(File file) const { return files_[static_cast<std::size_t>(file)] >= 0; }
        const std::vector<std::unique_ptr<Node>>& children() const { return children_; }

        Counters last;

    private:
        friend class CgroupTree;

        Node* parent_;
        const Node* group_start_;
        std::string path_;
        int dir_;
        std::optional<CgroupGroup> starts_;
        bool measured_;
        std::array<int, kFileCount> files_;
        std::vector<std::unique_ptr<Node>> children_;
    };

    /// Opens the hierarchy's root; an empty tree when it cannot be opened.
    explicit CgroupTree(const CgroupHierarchy& hierarchy);

    bool unified() const { return unified_; }
    /// The root, or nullptr when the hierarchy could not be opened.
    Node* root() { return root_.get(); }

    /// Lists every cgroup again: the directories of those kept are listed, the cgroups that
    /// came are opened, and those gone are moved to removed (each with its subtree), for the
    /// caller to read their last counters. Returns whether any came or went. Allocates nothing
    /// while none did.
    bool refresh(std::vector<std::unique_ptr<Node>>& removed);

    /// Returns the whole file of a node as it is now, or nullopt when it cannot be read (the
    /// cgroup is gone, or the node lacks the file). Valid until the next read.
    std::optional<std::string_view> read(const Node& node, File file);

private:
    /// Lists node's cgroup and those below it again: whether any below it came or went, or
    /// nullopt when the cgroup itself is gone.
    std::optional<bool> refresh(Node& node, std::vector<std::unique_ptr<Node>>& removed);
    bool children_changed(const Node& node, std::span<const std::byte> listing) const;
    void relist_children(Node& node, std::span<const std::byte> listing,
                         std::vector<std::unique_ptr<Node>>& removed);
    std::unique_ptr<Node> open_child(Node& parent, std::string_view name);

    bool unified_;
    std::unique_ptr<Node> root_;
    std::vector<std::byte> listing_;  // getdents64 buffer, reused
    std::vector<char> buffer_;        // file contents, reused
};

}  // namespace vitalsd
