// SPDX-License-Identifier: MIT
#include "collectors/cgroup_tree.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

namespace fs = std::filesystem;

using File = CgroupTree::File;
using Node = CgroupTree::Node;

constexpr std::string_view kUser = "/user.slice/user-1000.slice/user@1000.service";

std::optional<CgroupHierarchy> hierarchy_of(const std::string& fixture,
                                            const std::string& sys_root = "/captured/sys") {
    return find_cgroup_hierarchy(
        test::read_text(test::fixture_path(fixture + "/proc/self/mountinfo")), sys_root);
}

// Returns the node at path ("/" or "/a/b", as Node::path() gives it), or nullptr.
const Node* find(const Node& node, std::string_view path) {
    if (node.path() == path) {
        return &node;
    }
    for (const auto& child : node.children()) {
        if (const auto* found = find(*child, path)) {
            return found;
        }
    }
    return nullptr;
}

std::size_t count_nodes(const Node& node) {
    std::size_t count = 1;
    for (const auto& child : node.children()) {
        count += count_nodes(*child);
    }
    return count;
}

TEST(FindCgroupHierarchy, TakesTheCgroup2MountOfAUnifiedSystemUnderTheSysRoot) {
    const auto hierarchy = hierarchy_of("cgroups-gnome");
    ASSERT_TRUE(hierarchy.has_value());
    EXPECT_EQ(hierarchy->directory, "/captured/sys/fs/cgroup");
    EXPECT_TRUE(hierarchy->unified);
    EXPECT_EQ(hierarchy_of("cgroups-gnome", "/sys")->directory, "/sys/fs/cgroup");
}

TEST(FindCgroupHierarchy, TakesTheCgroup2MountOfAHybridSystemOverTheV1Ones) {
    const auto hierarchy = hierarchy_of("cgroups-hybrid");
    ASSERT_TRUE(hierarchy.has_value());
    EXPECT_EQ(hierarchy->directory, "/captured/sys/fs/cgroup/unified");
    EXPECT_TRUE(hierarchy->unified);

    // The order of the lines does not matter.
    const auto reversed = find_cgroup_hierarchy(
        "33 31 0:29 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
        "32 31 0:28 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate\n",
        "/s");
    ASSERT_TRUE(reversed.has_value());
    EXPECT_EQ(reversed->directory, "/s/fs/cgroup/unified");
}

TEST(FindCgroupHierarchy, TakesSystemdsV1HierarchyWithoutCgroup2) {
    const auto hierarchy = hierarchy_of("cgroups-v1");
    ASSERT_TRUE(hierarchy.has_value());
    EXPECT_EQ(hierarchy->directory, "/captured/sys/fs/cgroup/systemd");
    EXPECT_FALSE(hierarchy->unified);
}

TEST(FindCgroupHierarchy, FindsNoneWithoutCgroup2OrSystemdsHierarchy) {
    EXPECT_EQ(hierarchy_of("arm-charge"), std::nullopt);
    EXPECT_EQ(find_cgroup_hierarchy("", "/sys"), std::nullopt);
    EXPECT_EQ(find_cgroup_hierarchy(
                  "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
                  "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
                  "36 31 0:33 / /sys/fs/cgroup/elogind rw - cgroup cgroup rw,name=elogind\n",
                  "/sys"),
              std::nullopt)
        << "controllers only, and elogind's hierarchy";
}

TEST(FindCgroupHierarchy, UndoesTheEscapesOfTheMountPoint) {
    const auto hierarchy = find_cgroup_hierarchy(
        "28 22 0:26 / /sys/fs/cgroup\\040two rw - cgroup2 cgroup2 rw\n", "/captured/sys");
    ASSERT_TRUE(hierarchy.has_value());
    EXPECT_EQ(hierarchy->directory, "/captured/sys/fs/cgroup two");
}

TEST(FindCgroupHierarchy, TakesAMountOutsideSysOnlyForTheMachinesOwnSysfs) {
    const std::string outside = "28 22 0:26 / /run/cgroup2 rw - cgroup2 cgroup2 rw\n";
    EXPECT_EQ(find_cgroup_hierarchy(outside, "/sys")->directory, "/run/cgroup2");
    EXPECT_EQ(find_cgroup_hierarchy(outside, "/captured/sys"), std::nullopt)
        << "a captured tree has no /run";
    EXPECT_EQ(find_cgroup_hierarchy("28 22 0:26 / /sysfs/cgroup rw - cgroup2 cgroup2 rw\n",
                                    "/captured/sys"),
              std::nullopt)
        << "/sysfs is not under /sys";
    // A cgroup2 mount elsewhere does not hide the one under /sys.
    EXPECT_EQ(find_cgroup_hierarchy(outside + "29 22 0:27 / /sys/fs/cgroup rw - cgroup2 c rw\n",
                                    "/captured/sys")
                  ->directory,
              "/captured/sys/fs/cgroup");
}

// The tree of a fixture, listed once, as the collector makes it.
class ACgroupTree : public ::testing::Test {
protected:
    void list(const std::string& fixture) {
        const auto hierarchy = hierarchy_of(fixture, test::fixture_path(fixture + "/sys"));
        ASSERT_TRUE(hierarchy.has_value());
        tree_ = std::make_unique<CgroupTree>(*hierarchy);
        ASSERT_NE(tree_->root(), nullptr);
        EXPECT_TRUE(tree_->refresh(removed_)) << "the first listing finds every cgroup";
        EXPECT_TRUE(removed_.empty());
    }

    const Node& at(std::string_view path) {
        const auto* node = find(*tree_->root(), path);
        if (node == nullptr) {
            throw std::out_of_range("no cgroup " + std::string(path));
        }
        return *node;
    }

    std::unique_ptr<CgroupTree> tree_;
    std::vector<std::unique_ptr<Node>> removed_;
};

TEST_F(ACgroupTree, ListsEveryCgroupOfTheHierarchy) {
    list("cgroups-gnome");
    EXPECT_EQ(count_nodes(*tree_->root()), 28u);
    EXPECT_TRUE(tree_->unified());
    EXPECT_EQ(tree_->root()->path(), "/");
    EXPECT_EQ(tree_->root()->parent(), nullptr);
    const auto& udev = at("/system.slice/systemd-udevd.service/udev");
    EXPECT_EQ(udev.name(), "udev");
    EXPECT_EQ(udev.parent()->path(), "/system.slice/systemd-udevd.service");
}

TEST_F(ACgroupTree, StartsTheSystemGroupAtTheRoot) {
    list("cgroups-gnome");
    const auto& root = *tree_->root();
    EXPECT_EQ(root.starts(), (CgroupGroup{GroupKind::System, "system", "", true}));
    EXPECT_EQ(&root.group_start(), &root);
    EXPECT_FALSE(root.measured()) << "the root's counters are the whole machine's";
    EXPECT_TRUE(root.has(File::Procs)) << "its processes are the kernel threads";
    for (const auto file : {File::CpuStat, File::IoStat, File::CpuPressure}) {
        EXPECT_FALSE(root.has(file)) << "not opened, though the root has the file";
    }
}

TEST_F(ACgroupTree, MeasuresTheSystemGroupAtTheRootsChildrenThatStartNoGroup) {
    list("cgroups-gnome");
    for (const auto* path : {"/init.scope", "/system.slice", "/user.slice"}) {
        const auto& node = at(path);
        EXPECT_FALSE(node.starts().has_value()) << path;
        EXPECT_TRUE(node.measured()) << path;
        EXPECT_EQ(&node.group_start(), tree_->root()) << path;
        EXPECT_EQ(node.group().id, "system") << path;
    }
    EXPECT_FALSE(at("/user.slice/user-1000.slice").measured());
}

TEST_F(ACgroupTree, MeasuresTheCgroupsThatStartGroupsAndNoneInsideThem) {
    list("cgroups-gnome");
    const auto& udevd = at("/system.slice/systemd-udevd.service");
    EXPECT_EQ(udevd.group().id, "systemd-udevd.service");
    EXPECT_TRUE(udevd.measured());
    const auto& udev = at("/system.slice/systemd-udevd.service/udev");
    EXPECT_FALSE(udev.starts().has_value());
    EXPECT_FALSE(udev.measured());
    EXPECT_EQ(&udev.group_start(), &udevd);

    const auto& manager = at(kUser);
    EXPECT_EQ(manager.group().kind, GroupKind::Service);
    const auto& manager_init = at(std::string(kUser) + "/init.scope");
    EXPECT_EQ(&manager_init.group_start(), &manager) << "the user's manager, not PID 1";
    EXPECT_FALSE(manager_init.measured());
    EXPECT_EQ(at(std::string(kUser) + "/app.slice").group().id, "user@1000.service");

    const auto& firefox =
        at(std::string(kUser) + "/app.slice/app-gnome-firefox\\x2desr-4242.scope");
    EXPECT_EQ(firefox.group().id, "firefox-esr");
    EXPECT_TRUE(firefox.measured());
}

TEST_F(ACgroupTree, OpensTheFilesTheKernelHasForAMeasuredCgroup) {
    list("cgroups-gnome");
    const auto& manager = at(kUser);
    for (const auto file : {File::Procs, File::CpuStat, File::MemoryCurrent, File::IoStat,
                            File::CpuPressure, File::MemoryPressure, File::IoPressure}) {
        EXPECT_TRUE(manager.has(file)) << static_cast<int>(file);
    }
    const auto& firefox =
        at(std::string(kUser) + "/app.slice/app-gnome-firefox\\x2desr-4242.scope");
    EXPECT_TRUE(firefox.has(File::MemoryCurrent));
    EXPECT_FALSE(firefox.has(File::IoStat)) << "the io controller is not delegated";

    const auto& slice = at("/user.slice/user-1000.slice");
    EXPECT_TRUE(slice.has(File::Procs));
    EXPECT_FALSE(slice.has(File::CpuStat)) << "not measured: only its processes are read";
}

TEST_F(ACgroupTree, ReadsTheWholeFileOfANodeAndNothingOfAFileItLacks) {
    list("cgroups-gnome");
    const auto& journald = at("/system.slice/systemd-journald.service");
    EXPECT_EQ(tree_->read(journald, File::Procs), "402\n");
    EXPECT_EQ(tree_->read(journald, File::MemoryCurrent), "67108864\n");
    const auto& firefox =
        at(std::string(kUser) + "/app.slice/app-gnome-firefox\\x2desr-4242.scope");
    EXPECT_EQ(tree_->read(firefox, File::IoStat), std::nullopt);
    EXPECT_EQ(tree_->read(at("/user.slice/user-1000.slice"), File::CpuStat), std::nullopt);
}

TEST_F(ACgroupTree, PutsEveryCgroupInsideAContainerInTheContainersGroup) {
    list("cgroups-docker");
    const std::string scope =
        "/system.slice/docker-a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
        ".scope";
    const auto& container = at(scope);
    EXPECT_EQ(container.group().id, "docker-a1b2c3d4e5f6");
    for (const auto& path :
         {scope + "/init.scope", scope + "/system.slice", scope + "/system.slice/ssh.service",
          scope + "/system.slice/systemd-journald.service"}) {
        const auto& node = at(path);
        EXPECT_FALSE(node.starts().has_value()) << path;
        EXPECT_FALSE(node.measured()) << path;
        EXPECT_EQ(&node.group_start(), &container) << path;
    }
    EXPECT_EQ(at("/system.slice/ssh.service").group().id, "ssh.service") << "the host's own";
}

TEST_F(ACgroupTree, OpensOnlyTheProcessesOfAV1Hierarchy) {
    list("cgroups-v1");
    EXPECT_FALSE(tree_->unified());
    const auto& docker =
        at("/system.slice/docker-9d2a6f1c3b5e7d9f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f"
           ".scope");
    EXPECT_EQ(docker.group().kind, GroupKind::Container);
    EXPECT_TRUE(docker.measured());
    EXPECT_TRUE(docker.has(File::Procs));
    EXPECT_FALSE(docker.has(File::CpuStat));
    EXPECT_FALSE(docker.has(File::MemoryCurrent));
}

TEST(ACgroupTreeWithoutItsDirectory, IsEmpty) {
    CgroupTree tree(CgroupHierarchy{"/nonexistent/vitalsd/cgroup", true});
    EXPECT_EQ(tree.root(), nullptr);
    std::vector<std::unique_ptr<Node>> removed;
    EXPECT_FALSE(tree.refresh(removed));
}

// The tree of a copy of a fixture, which the test changes between listings as cgroups come and
// go.
class AChangingCgroupTree : public ACgroupTree {
protected:
    void SetUp() override {
        fs::copy(test::fixture_path("cgroups-gnome/sys"), dir_.path() + "/sys",
                 fs::copy_options::recursive);
        tree_ = std::make_unique<CgroupTree>(CgroupHierarchy{cgroup(""), true});
        tree_->refresh(removed_);
    }

    std::string cgroup(std::string_view path) const {
        return dir_.path() + "/sys/fs/cgroup" + std::string(path);
    }

    void make(std::string_view path, const std::string& procs) const {
        fs::create_directory(cgroup(path));
        dir_.write("sys/fs/cgroup" + std::string(path) + "/cgroup.procs", procs);
        dir_.write("sys/fs/cgroup" + std::string(path) + "/cpu.stat", "usage_usec 0\n");
    }

    test::TempDir dir_;
};

TEST_F(AChangingCgroupTree, ReportsNoChangeWhileNoCgroupComesOrGoes) {
    const auto* firefox =
        &at(std::string(kUser) + "/app.slice/app-gnome-firefox\\x2desr-4242.scope");
    EXPECT_FALSE(tree_->refresh(removed_));
    EXPECT_FALSE(tree_->refresh(removed_));
    EXPECT_TRUE(removed_.empty());
    EXPECT_EQ(&at(std::string(kUser) + "/app.slice/app-gnome-firefox\\x2desr-4242.scope"), firefox)
        << "the same node, its files kept open";
}

TEST_F(AChangingCgroupTree, TakesNoFileForACgroup) {
    dir_.write("sys/fs/cgroup/system.slice/cgroup.new", "");
    EXPECT_FALSE(tree_->refresh(removed_));
}

TEST_F(AChangingCgroupTree, OpensTheCgroupsThatCame) {
    const std::string scope =
        std::string(kUser) + "/app.slice/app-gnome-org.gnome.Calculator-9000.scope";
    make(scope, "9000\n");
    make("/system.slice/cups.service", "1200\n");
    make("/system.slice/cups.service/printer", "1201\n");

    EXPECT_TRUE(tree_->refresh(removed_));
    EXPECT_TRUE(removed_.empty());
    EXPECT_EQ(at(scope).group(),
              (CgroupGroup{GroupKind::App, "org.gnome.Calculator", "org.gnome.Calculator", false}));
    EXPECT_TRUE(at(scope).measured());
    EXPECT_EQ(tree_->read(at(scope), File::Procs), "9000\n");
    EXPECT_EQ(&at("/system.slice/cups.service/printer").group_start(),
              &at("/system.slice/cups.service"))
        << "a cgroup below one that came is listed in the same refresh";
    EXPECT_FALSE(tree_->refresh(removed_));
}

TEST_F(AChangingCgroupTree, MovesTheCgroupsThatWentToRemovedWithTheirSubtrees) {
    const std::string manager(kUser);
    fs::remove_all(cgroup(manager + "/app.slice/app-org.gnome.Terminal.slice"));
    fs::remove_all(cgroup("/system.slice/gdm.service"));

    EXPECT_TRUE(tree_->refresh(removed_));
    ASSERT_EQ(removed_.size(), 2u);
    std::vector<std::string> paths;
    for (const auto& node : removed_) {
        paths.push_back(node->path());
    }
    std::sort(paths.begin(), paths.end());
    EXPECT_EQ(paths,
              (std::vector<std::string>{"/system.slice/gdm.service",
                                        manager + "/app.slice/app-org.gnome.Terminal.slice"}));
    const auto& terminal = removed_[0]->path() == paths[1] ? *removed_[0] : *removed_[1];
    EXPECT_EQ(terminal.children().size(), 2u) << "gnome-terminal-server and the tab's scope";
    EXPECT_EQ(terminal.parent(), &at(manager + "/app.slice")) << "its parent is still there";
    EXPECT_EQ(find(*tree_->root(), "/system.slice/gdm.service"), nullptr);
    EXPECT_EQ(count_nodes(*tree_->root()), 28u - 4u);
    removed_.clear();
    EXPECT_FALSE(tree_->refresh(removed_));
}

TEST_F(AChangingCgroupTree, ReplacesACgroupMadeAgainUnderTheSameNameSinceTheLastListing) {
    // A service restarted between two listings: systemd removed its cgroup and made a new one of
    // the same name, which a directory lists where the old one was.
    const auto* old = &at("/system.slice/NetworkManager.service");
    fs::remove_all(cgroup("/system.slice/NetworkManager.service"));
    make("/system.slice/NetworkManager.service", "4410\n");

    EXPECT_TRUE(tree_->refresh(removed_));
    ASSERT_EQ(removed_.size(), 1u);
    EXPECT_EQ(removed_[0].get(), old);
    const auto& fresh = at("/system.slice/NetworkManager.service");
    EXPECT_NE(&fresh, old);
    EXPECT_EQ(tree_->read(fresh, File::Procs), "4410\n");
    removed_.clear();
    EXPECT_FALSE(tree_->refresh(removed_));
}

}  // namespace
}  // namespace vitalsd
