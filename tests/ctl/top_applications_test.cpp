// SPDX-License-Identifier: MIT
// vitalsctl top --apps and the app/ sensors, on a hand-written cgroup hierarchy: the groups a
// desktop's machine has, with what a hybrid system gives (no I/O) and groups that lack figures.
#include <gtest/gtest.h>

#include <filesystem>

#include "ctl_process.hpp"
#include "fixture_path.hpp"
#include "json_reader.hpp"
#include "screen_model.hpp"
#include "temp_dir.hpp"

namespace vitalsd::test {
namespace {

constexpr auto kPatience = 20s;

// The fixture basic's /proc, with a cgroup hierarchy mounted where the service finds it under
// its /sys and the fixture's processes spread over its groups. Every cgroup has its CPU time and
// pressure, none its I/O (as on a hybrid system); the memory controller is enabled for the
// root's children and below user.slice, not below system.slice.
class Hierarchy {
public:
    Hierarchy() {
        std::filesystem::copy(fixture_path("basic/proc"), dir_.path() + "/proc",
                              std::filesystem::copy_options::recursive);
        dir_.write("proc/self/mountinfo",
                   "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - "
                   "cgroup2 cgroup2 rw,nsdelegate\n");
        const std::string user = "user.slice/user-1000.slice";
        cgroup("", "2\n");
        cgroup("init.scope", "1\n", 1);
        cgroup("system.slice", "", 6);
        cgroup("system.slice/dbus.service", "977\n");
        cgroup("user.slice", "", 240);
        cgroup(user, "", 230);
        cgroup(user + "/session-3.scope", "", 8);
        cgroup(user + "/user@1000.service", "", 220);
        cgroup(user + "/user@1000.service/app.slice", "", 200);
        cgroup(user + "/user@1000.service/app.slice/app-gnome-org.gnome.Terminal-4242.scope",
               "412\n", 200);
    }

    std::vector<std::string> service_args() const {
        return {"--proc-root=" + dir_.path() + "/proc", "--sys-root=" + dir_.path() + "/sys"};
    }

private:
    // A cgroup with its processes and, where memory is enabled, what it and those below it use.
    void cgroup(const std::string& path, const std::string& procs,
                std::optional<int> memory_mib = std::nullopt) {
        const std::string dir = "sys/fs/cgroup/" + path + (path.empty() ? "" : "/");
        dir_.write(dir + "cgroup.procs", procs);
        dir_.write(dir + "cpu.stat", "usage_usec 5000\nuser_usec 3000\nsystem_usec 2000\n");
        dir_.write(dir + "cpu.pressure",
                   "some avg10=0.00 avg60=0.00 avg300=0.00 total=100\n"
                   "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        if (memory_mib) {
            dir_.write(dir + "memory.current", std::to_string(*memory_mib << 20) + "\n");
        }
    }

    TempDir dir_;
};

TEST(TopApplicationsPiped, PrintsEveryGroupWithTheColumnsSomeGroupHas) {
    Hierarchy hierarchy;
    PrivateBus bus(hierarchy.service_args());

    const auto result = run_ctl(bus, {"top", "--apps"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    // No group has io.stat, so no READ/s or WRITE/s; the static counters used no CPU, so the
    // ids decide. The system's memory is that of the root's children, 1 + 6 + 240 MiB, less
    // the groups inside them that have a memory figure (8 + 220); dbus.service has none, so its
    // memory stays in the system's.
    EXPECT_EQ(result.out,
              "KIND     PROCS  CPU%        MEM  PSI%  NAME\n"
              "service      1   0.0          -   0.0  dbus.service\n"
              "app          1   0.0  200.0 MiB   0.0  org.gnome.Terminal\n"
              "session      0   0.0    8.0 MiB   0.0  session-3.scope\n"
              "system       2   0.0   19.0 MiB   0.0  system\n"
              "service      0   0.0   20.0 MiB   0.0  user@1000.service\n");
}

TEST(TopApplicationsPiped, SortsByMemoryAndKeepsTheFirstN) {
    Hierarchy hierarchy;
    PrivateBus bus(hierarchy.service_args());

    const auto result = run_ctl(bus, {"top", "--apps", "--sort", "mem", "-n", "2"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "KIND     PROCS  CPU%        MEM  PSI%  NAME\n"
              "app          1   0.0  200.0 MiB   0.0  org.gnome.Terminal\n"
              "service      0   0.0   20.0 MiB   0.0  user@1000.service\n");
}

TEST(TopApplicationsPiped, InJsonHasEachGroupAsTheServiceGivesIt) {
    Hierarchy hierarchy;
    PrivateBus bus(hierarchy.service_args());

    const auto result = run_ctl(bus, {"top", "--apps", "--json", "--sort=mem"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = parse_json(result.out);
    const auto& applications = json["applications"].elements;
    ASSERT_EQ(applications.size(), 5u);
    const auto& terminal = applications[0];
    EXPECT_EQ(terminal["id"].text, "org.gnome.Terminal");
    EXPECT_EQ(terminal["kind"].text, "app");
    EXPECT_EQ(terminal["hint"].text, "org.gnome.Terminal");
    ASSERT_EQ(terminal["cgroups"].elements.size(), 1u);
    EXPECT_EQ(terminal["cgroups"].elements[0].text,
              "/user.slice/user-1000.slice/user@1000.service/app.slice/"
              "app-gnome-org.gnome.Terminal-4242.scope");
    const auto& figures = terminal["figures"].members;
    EXPECT_EQ(figures.at("memory").number, 200 << 20);
    EXPECT_EQ(figures.at("processes").number, 1);
    EXPECT_EQ(figures.at("cpu").number, 0);
    EXPECT_FALSE(figures.contains("ioRead")) << "a figure the kernel does not give is left out";
}

TEST(TopApplicationsPiped, PrintsOnlyTheHeaderWithoutAHierarchy) {
    PrivateBus bus(basic_fixture_args());  // the fixture has no mountinfo

    const auto result = run_ctl(bus, {"top", "--apps"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "KIND  NAME\n");
}

TEST(GetApplicationSensors, ReadsTheCpuOfEveryGroupThatHasIt) {
    Hierarchy hierarchy;
    PrivateBus bus(hierarchy.service_args());

    const auto result = run_ctl(bus, {"get", "app/*/cpu"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "app/dbus.service/cpu        0.0 %\n"
              "app/org.gnome.Terminal/cpu  0.0 %\n"
              "app/session-3/cpu           0.0 %\n"
              "app/system/cpu              0.0 %\n"
              "app/user@1000.service/cpu   0.0 %\n");
}

// Returns how many times text occurs in output.
std::size_t count_of(const std::string& output, const std::string& text) {
    std::size_t count = 0;
    for (auto at = output.find(text); at != std::string::npos; at = output.find(text, at + 1)) {
        ++count;
    }
    return count;
}

TEST(TopInATerminal, SwitchesBetweenProcessesAndApplicationsWithAAndQuitsWithQ) {
    Hierarchy hierarchy;
    PrivateBus bus(hierarchy.service_args());
    constexpr unsigned short kRows = 24;
    // Refreshed once a minute: every frame but the first comes from a key.
    auto top = CtlProcess::in_terminal(bus, {"top", "-i", "60000"}, kRows, 100);
    const auto frames_of = [&](const char* header, std::size_t count) {
        return [=](const std::string& output) { return count_of(output, header) >= count; };
    };

    ASSERT_TRUE(top.read_until(frames_of("PID  USER", 1), kPatience)) << top.output();
    EXPECT_NE(top.output().find("4 of 4 processes by CPU"), std::string::npos) << top.output();
    EXPECT_NE(top.output().find("a: applications · q quits"), std::string::npos) << top.output();
    top.type("a");
    ASSERT_TRUE(top.read_until(frames_of("KIND     PROCS", 1), kPatience)) << top.output();
    ScreenModel applications(kRows);
    applications.feed(top.output());
    top.type("a");
    ASSERT_TRUE(top.read_until(frames_of("PID  USER", 2), kPatience)) << top.output();
    top.type("q");
    EXPECT_EQ(top.wait(kPatience), 0) << top.output();

    const auto& shown = applications.screen();
    EXPECT_TRUE(shown[0].starts_with("vitalsd · 5 of 5 applications by CPU · every 60000 ms · "))
        << shown[0];
    EXPECT_TRUE(shown[0].ends_with(" · a: processes · q quits")) << shown[0];
    EXPECT_EQ(shown[1], "KIND     PROCS  CPU%        MEM  PSI%  NAME");
    EXPECT_EQ(shown[2], "service      1   0.0          -   0.0  dbus.service");
    EXPECT_EQ(shown[7], "");
    ScreenModel processes(kRows);
    processes.feed(top.output());
    EXPECT_EQ(processes.scrolled(), 0u) << "a switch redraws in place";
    EXPECT_TRUE(processes.screen()[1].starts_with("PID  USER")) << processes.screen()[1];
    EXPECT_EQ(processes.screen()[6], "");
}

TEST(TopInATerminal, StartsWithTheApplicationsWhenAskedTo) {
    Hierarchy hierarchy;
    PrivateBus bus(hierarchy.service_args());
    auto top = CtlProcess::in_terminal(bus, {"top", "--apps", "--sort", "mem"}, 24, 100);

    ASSERT_TRUE(top.read_until(
        [](const std::string& output) { return output.find("dbus.service") != std::string::npos; },
        kPatience))
        << top.output();
    top.type("\x03");  // Ctrl-C quits too
    EXPECT_EQ(top.wait(kPatience), 0) << top.output();
    EXPECT_NE(top.output().find("5 of 5 applications by memory"), std::string::npos)
        << top.output();
}

}  // namespace
}  // namespace vitalsd::test
