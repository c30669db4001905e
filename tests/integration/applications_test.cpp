// SPDX-License-Identifier: MIT
// ListApplications and the app/ sensors, on real cgroups: the test makes cgroups named like the
// scopes a desktop puts its applications in, runs processes in them and asks the service.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "private_bus.hpp"
#include "wire.hpp"

namespace vitalsd::test {
namespace {

namespace fs = std::filesystem;

// Where cgroup v2 is mounted here, from this process's mountinfo; empty without it.
fs::path cgroup2_mount() {
    std::ifstream mountinfo("/proc/self/mountinfo");
    for (std::string line; std::getline(mountinfo, line);) {
        std::istringstream fields(line);
        std::string id, parent, device, root, mount_point;
        fields >> id >> parent >> device >> root >> mount_point;
        if (line.find(" - cgroup2 ") != std::string::npos) {
            return mount_point;
        }
    }
    return {};
}

bool write_file(const fs::path& path, const std::string& text) {
    std::ofstream file(path);
    file << text;
    file.flush();
    return static_cast<bool>(file);
}

// A cgroup of the test's below the hierarchy's root, removed with what it holds at the end.
class TestCgroups {
public:
    TestCgroups() {
        const auto mount = cgroup2_mount();
        if (mount.empty()) {
            why_not_ = "no cgroup v2 hierarchy is mounted";
            return;
        }
        top_ = mount / ("vitalsd-test-" + std::to_string(::getpid()));
        std::error_code error;
        if (!fs::create_directory(top_, error)) {
            why_not_ = "cannot make a cgroup in " + mount.string() + ": " + error.message();
            top_.clear();
        }
    }
    ~TestCgroups() {
        if (top_.empty()) {
            return;
        }
        // Deepest first: a cgroup can be removed only once it has no children and no processes.
        std::vector<fs::path> cgroups;
        for (const auto& entry : fs::recursive_directory_iterator(top_)) {
            if (entry.is_directory()) {
                cgroups.push_back(entry.path());
            }
        }
        std::sort(cgroups.rbegin(), cgroups.rend());
        cgroups.push_back(top_);
        for (const auto& cgroup : cgroups) {
            ::rmdir(cgroup.c_str());
        }
    }

    /// Why cgroups cannot be made here; empty when they can.
    const std::string& why_not() const { return why_not_; }

    /// Makes a cgroup of this name below the test's; returns its path.
    fs::path make(const std::string& name) {
        const auto path = top_ / name;
        fs::create_directory(path);
        return path;
    }

    /// The path ListApplications gives for a cgroup made by make().
    std::string listed_path(const std::string& name) const {
        return "/" + top_.filename().string() + "/" + name;
    }

private:
    fs::path top_;
    std::string why_not_;
};

// Options that start a process in a cgroup: it moves itself there before it runs.
ChildOptions in_cgroup(const fs::path& cgroup) {
    return {.die_with_parent = true,
            .in_child = [procs = cgroup / "cgroup.procs"] { return write_file(procs, "0"); }};
}

int spin() {
    // A loop with a side effect: an empty endless loop is undefined, and clang removes it.
    volatile unsigned long spins = 0;
    for (;;) {
        spins = spins + 1;
    }
    return 0;
}

std::vector<ApplicationRow> list_applications(VitalsClient& client) {
    std::vector<ApplicationRow> rows;
    for (const auto& row : client.ListApplications()) {
        rows.push_back(from_wire(row));
    }
    return rows;
}

const ApplicationRow* find(const std::vector<ApplicationRow>& rows, const std::string& id) {
    const auto row =
        std::find_if(rows.begin(), rows.end(), [&](const ApplicationRow& a) { return a.id == id; });
    return row != rows.end() ? &*row : nullptr;
}

double figure(const ApplicationRow& row, const std::string& name) {
    const auto value = row.figures.find(name);
    return value != row.figures.end() ? value->second : -1;
}

TEST(TheApplicationList, HasTheSystemGroupWhereThereIsAHierarchy) {
    if (cgroup2_mount().empty()) {
        GTEST_SKIP() << "no cgroup v2 hierarchy is mounted";
    }
    PrivateBus bus;
    VitalsClient client(bus);
    const auto rows = list_applications(client);
    const auto* system = find(rows, "system");
    ASSERT_NE(system, nullptr);
    EXPECT_EQ(system->kind, "system");
    EXPECT_EQ(system->cgroups, std::vector<std::string>{"/"});
    EXPECT_GT(figure(*system, "processes"), 0);
    EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(),
                               [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST(TheApplicationList, RanksABusyApplicationFirstWithItsFigures) {
    TestCgroups cgroups;
    if (!cgroups.why_not().empty()) {
        GTEST_SKIP() << cgroups.why_not();
    }
    const std::string busy_scope =
        "app-gnome-busy\\x2dtest-" + std::to_string(::getpid()) + ".scope";
    const std::string idle_scope =
        "app-flatpak-org.example.Idle-" + std::to_string(::getpid()) + ".scope";
    Child spinner(spin, in_cgroup(cgroups.make(busy_scope)));
    Child sleeper({"sleep", "30"}, in_cgroup(cgroups.make(idle_scope)));
    std::this_thread::sleep_for(200ms);  // until both have moved

    PrivateBus bus;
    VitalsClient client(bus);
    auto rows = list_applications(client);
    std::vector<ApplicationRow> apps;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(apps),
                 [](const ApplicationRow& row) { return row.kind == "app"; });
    std::sort(apps.begin(), apps.end(),
              [](const auto& a, const auto& b) { return figure(a, "cpu") > figure(b, "cpu"); });
    ASSERT_GE(apps.size(), 2u);
    const auto& busy = apps.front();
    EXPECT_EQ(busy.id, "busy-test") << "the \\x2d of the scope's name is a '-' of the app's id";
    EXPECT_EQ(busy.hint, "busy-test");
    EXPECT_EQ(busy.cgroups, std::vector<std::string>{cgroups.listed_path(busy_scope)});
    EXPECT_EQ(figure(busy, "processes"), 1);
    EXPECT_EQ(busy.pids, std::vector<std::uint32_t>{static_cast<std::uint32_t>(spinner.pid())});
    // Most of one CPU on an idle machine; a fair share of one on a busy one.
    EXPECT_GT(figure(busy, "cpu"), 5.0);
    EXPECT_LE(figure(busy, "cpu"), 105.0);

    const auto* idle = find(rows, "org.example.Idle");
    ASSERT_NE(idle, nullptr);
    EXPECT_EQ(idle->kind, "app");
    EXPECT_EQ(figure(*idle, "processes"), 1);
    EXPECT_EQ(idle->pids, std::vector<std::uint32_t>{static_cast<std::uint32_t>(sleeper.pid())});
    EXPECT_LT(figure(*idle, "cpu"), 5.0);
    // Where the memory controller is enabled in this hierarchy (not on a hybrid system).
    if (busy.figures.contains("memory")) {
        EXPECT_GT(figure(busy, "memory"), 0);
    }
}

TEST(TheApplicationSensors, ComeAndGoWithTheirCgroups) {
    TestCgroups cgroups;
    if (!cgroups.why_not().empty()) {
        GTEST_SKIP() << cgroups.why_not();
    }
    PrivateBus bus;
    VitalsClient client(bus);
    client.Start(100, {"app/*/processes"});
    const std::string scope = "app-gnome-late-" + std::to_string(::getpid()) + ".scope";
    // The latest update's count of processes in the scope; -1 when it has none.
    const auto latest_count = [&client] {
        if (client.updates.empty()) {
            return -1.0;
        }
        const auto& values = client.updates.back().values;
        const auto count = values.find("app/late/processes");
        return count != values.end() ? count->second : -1.0;
    };
    {
        Child sleeper({"sleep", "30"}, in_cgroup(cgroups.make(scope)));
        // The hierarchy is listed again at most once a second.
        ASSERT_TRUE(client.pump_until([&] { return latest_count() == 1; }, 5s));
        const auto values = std::get<1>(client.GetValues({"app/late/cpu"}));
        EXPECT_TRUE(values.contains("app/late/cpu"));
    }
    ::rmdir((cgroup2_mount() / ("vitalsd-test-" + std::to_string(::getpid())) / scope).c_str());
    EXPECT_TRUE(client.pump_until([&] { return latest_count() == -1; }, 5s));
    EXPECT_EQ(find(list_applications(client), "late"), nullptr);
}

}  // namespace
}  // namespace vitalsd::test
