// SPDX-License-Identifier: MIT
#include "cgroup_tree.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <unordered_map>

#include "dirents.hpp"
#include "fd_read.hpp"
#include "mounts.hpp"

namespace vitalsd {
namespace {

constexpr std::array<const char*, CgroupTree::kFileCount> kFileNames = {
    "cgroup.procs", "cpu.stat",        "memory.current", "io.stat",
    "cpu.pressure", "memory.pressure", "io.pressure",
};

std::optional<std::string> under_sys_root(std::string_view mount_point,
                                          const std::string& sys_root) {
    constexpr std::string_view kSys = "/sys";
    const auto point = unescape_mount_field(mount_point);
    if (point.starts_with(kSys) && (point.size() == kSys.size() || point[kSys.size()] == '/')) {
        return sys_root + point.substr(kSys.size());
    }
    // Mounted elsewhere: only the machine's own sysfs root can say it is the live one.
    return sys_root == kSys ? std::optional(point) : std::nullopt;
}

int open_directory_at(int dir, const char* name) {
    return ::openat(dir, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

bool is_cgroup(std::string_view name, unsigned char type) {
    return type == DT_DIR && name != "." && name != "..";
}

// Whether the cgroup of a directory that could not be listed was removed: a removed
// directory lists as nothing but ENOENT, and its files (the kernel's, on a cgroup) are gone.
bool was_removed(int dir) {
    return ::faccessat(dir, kFileNames[0], F_OK, 0) != 0;
}

}  // namespace

std::optional<CgroupHierarchy> find_cgroup_hierarchy(std::string_view mountinfo,
                                                     const std::string& sys_root) {
    std::vector<Mount> mounts;
    parse_mountinfo(mountinfo, mounts);
    for (const auto& mount : mounts) {
        if (mount.fs_type == "cgroup2") {
            if (auto directory = under_sys_root(mount.mount_point, sys_root)) {
                return CgroupHierarchy{std::move(*directory), true};
            }
        }
    }
    // cgroup v1's systemd hierarchy is mounted as a directory named after it.
    for (const auto& mount : mounts) {
        if (mount.fs_type == "cgroup" && mount.mount_point.ends_with("/systemd")) {
            if (auto directory = under_sys_root(mount.mount_point, sys_root)) {
                return CgroupHierarchy{std::move(*directory), false};
            }
        }
    }
    return std::nullopt;
}

CgroupTree::Node::Node(Node* parent, std::string path, int dir, std::optional<CgroupGroup> starts)
    : parent_(parent),
      group_start_(starts ? this : &parent->group_start()),
      path_(std::move(path)),
      dir_(dir),
      starts_(std::move(starts)),
      measured_(parent_ != nullptr && (starts_ || parent_->parent_ == nullptr)) {
    files_.fill(-1);
    if (dir_ < 0) {
        return;
    }
    const std::size_t opened = measured_ ? kFileCount : 1;
    for (std::size_t file = 0; file < opened; ++file) {
        files_[file] = ::openat(dir_, kFileNames[file], O_RDONLY | O_CLOEXEC);
    }
}

CgroupTree::Node::~Node() {
    for (const int fd : files_) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    if (dir_ >= 0) {
        ::close(dir_);
    }
}

std::string_view CgroupTree::Node::name() const {
    return std::string_view(path_).substr(path_.rfind('/') + 1);
}

CgroupTree::CgroupTree(const CgroupHierarchy& hierarchy) : unified_(hierarchy.unified) {
    const int dir = open_directory_at(AT_FDCWD, hierarchy.directory.c_str());
    if (dir >= 0) {
        root_ = std::make_unique<Node>(nullptr, "/", dir,
                                       CgroupGroup{GroupKind::System, "system", "", true});
    }
}

bool CgroupTree::refresh(std::vector<std::unique_ptr<Node>>& removed) {
    return root_ != nullptr && refresh(*root_, removed).value_or(false);
}

std::optional<bool> CgroupTree::refresh(Node& node, std::vector<std::unique_ptr<Node>>& removed) {
    const auto listing = read_directory(node.dir_, listing_);
    if (!listing && node.has(File::Procs) && was_removed(node.dir_)) {
        return std::nullopt;
    }
    bool changed = false;
    if (listing && children_changed(node, *listing)) {
        relist_children(node, *listing, removed);
        changed = true;
    }
    for (std::size_t i = 0; i < node.children_.size();) {
        auto& child = node.children_[i];
        if (const auto below = refresh(*child, removed)) {
            changed = *below || changed;
            ++i;
            continue;
        }
        // Gone, though its parent may still list its name: a cgroup made again under that name
        // since the last listing (a service restarted) lists in the old one's place, as the
        // kernel lists a directory in the order of its names' hashes. Kept, the node would read
        // the removed cgroup's files, which fail, for good.
        changed = true;
        auto fresh = open_child(node, child->name());
        removed.push_back(std::move(child));
        if (fresh == nullptr) {
            node.children_.erase(node.children_.begin() + static_cast<std::ptrdiff_t>(i));
            continue;
        }
        child = std::move(fresh);
        refresh(*child, removed);  // gone again already: the next listing replaces it
        ++i;
    }
    return changed;
}

bool CgroupTree::children_changed(const Node& node, std::span<const std::byte> listing) const {
    // The kernel lists a directory in the same order while it does not change.
    std::size_t listed = 0;
    bool same = true;
    for_each_dirent(listing, [&](std::string_view name, unsigned char type) {
        if (!is_cgroup(name, type)) {
            return;
        }
        same = same && listed < node.children_.size() && node.children_[listed]->name() == name;
        ++listed;
    });
    return !same || listed != node.children_.size();
}

void CgroupTree::relist_children(Node& node, std::span<const std::byte> listing,
                                 std::vector<std::unique_ptr<Node>>& removed) {
    std::vector<std::string> names;
    for_each_dirent(listing, [&](std::string_view name, unsigned char type) {
        if (is_cgroup(name, type)) {
            names.emplace_back(name);
        }
    });
    std::unordered_map<std::string_view, std::unique_ptr<Node>> kept;
    for (auto& child : node.children_) {
        const auto name = child->name();
        kept.emplace(name, std::move(child));
    }
    node.children_.clear();
    for (const auto& name : names) {
        const auto old = kept.find(name);
        if (old != kept.end()) {
            node.children_.push_back(std::move(old->second));
            kept.erase(old);
        } else if (auto child = open_child(node, name)) {
            node.children_.push_back(std::move(child));
        }
    }
    for (auto& [name, child] : kept) {
        removed.push_back(std::move(child));
    }
}

std::unique_ptr<CgroupTree::Node> CgroupTree::open_child(Node& parent, std::string_view name) {
    const std::string child_name(name);
    const int dir = open_directory_at(parent.dir_, child_name.c_str());
    if (dir < 0) {
        return nullptr;  // gone since the listing
    }
    auto starts = parent.group_start().starts()->holds_groups ? classify_cgroup(name, parent.name())
                                                              : std::nullopt;
    auto path = parent.parent_ == nullptr ? "/" + child_name : parent.path_ + "/" + child_name;
    return std::make_unique<Node>(&parent, std::move(path), dir, std::move(starts));
}

std::optional<std::string_view> CgroupTree::read(const Node& node, File file) {
    const int fd = node.files_[static_cast<std::size_t>(file)];
    return fd >= 0 ? read_whole_file(fd, buffer_) : std::nullopt;
}

}  // namespace vitalsd
