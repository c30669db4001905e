// SPDX-License-Identifier: MIT
// The service over a /proc and /sys of missing, empty, truncated and garbage files: the sensors
// it cannot read are missing, nothing it reports is garbage, and it goes on serving.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

void write(const std::string& path, const std::string& text) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path) << text;
}

// A tree that looks like procfs and sysfs but holds nonsense where the numbers should be.
void write_hostile_tree(const std::string& root) {
    write(root + "/proc/stat", "cpu  1 2\ncpu0 x y z\ncpu7 99999999999999999999999 1 2 3 4\n");
    write(root + "/proc/meminfo", "");
    write(root + "/proc/loadavg", "nan -inf 1e999 1/0\n");
    write(root + "/proc/uptime", "");
    write(root + "/proc/net/dev", "Inter-| Receive\n face |bytes\n  eth0: 12 x\n  wlan0:\n");
    write(root + "/proc/diskstats", "   8  0 sda 1 2\n garbage\n\n   8 16 sdb");
    write(root + "/proc/self/mountinfo",
          "36 35 98:0 / /mnt rw - ext4\n"  // cut short
          "30 23 0:26 / /sys/fs/cgroup rw shared:4 - cgroup2 cgroup2 rw\n");
    // Cgroups with garbage for numbers, and names that are not UTF-8.
    const auto cgroups = root + "/sys/fs/cgroup";
    write(cgroups + "/cgroup.procs", "1\nx\n-5\n99999999999999999999\n");
    for (const auto* dir : {"/app-gnome-\xff\xfe-1.scope", "/system.slice/all.service",
                            "/docker-zzzz.scope", "/session-.scope"}) {
        write(cgroups + dir + "/cgroup.procs", "garbage\n\n\n");
        write(cgroups + dir + "/cpu.stat", "usage_usec x\nusage_usec\n");
        write(cgroups + dir + "/memory.current", "lots\n");
        write(cgroups + dir + "/io.stat", "8:0 rbytes=1e99 wbytes=-1\n8:16 rbytes=\n");
        write(cgroups + dir + "/cpu.pressure", "some total=nan\n");
    }
    write(root + "/proc/42/stat", "42 (cut");
    write(root + "/proc/43/stat", "43 (ok) S 1 43 43 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 0 5 100 2\n");
    write(root + "/sys/class/hwmon/hwmon0/name", "");
    write(root + "/sys/class/hwmon/hwmon0/temp1_input", "hot\n");
    write(root + "/sys/class/hwmon/hwmon1/temp1_input", "-999999999999999999999\n");
    write(root + "/sys/class/power_supply/BAT0/type", "Battery\n");
    write(root + "/sys/class/power_supply/BAT0/capacity", "lots\n");
    write(root + "/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "");
    std::filesystem::create_directories(root + "/sys/block");
}

TEST(HostileProcAndSys, LeaveSensorsMissingAndTheServiceServing) {
    std::string root = env_or_fail("VITALSD_TEST_DIR") + "/hostile-tree-XXXXXX";
    ASSERT_NE(::mkdtemp(root.data()), nullptr);
    write_hostile_tree(root);
    PrivateBus bus({"--proc-root=" + root + "/proc", "--sys-root=" + root + "/sys"});
    VitalsClient client(bus);

    const auto sensors = client.ListSensors();
    const pid_t service = bus.service_pid();
    const auto [timestamp, values] = client.GetValues({});
    for (const auto& [id, value] : values) {
        EXPECT_TRUE(std::isfinite(value)) << id;
    }
    EXPECT_FALSE(values.contains("memory/physical/total")) << "meminfo is empty";
    EXPECT_FALSE(values.contains("system/uptime")) << "uptime is empty";

    client.Start(100, {});
    client.pump(600ms);
    client.Stop();
    for (const auto& update : client.updates) {
        for (const auto& [id, value] : update.values) {
            EXPECT_TRUE(std::isfinite(value)) << id;
        }
    }
    const auto processes = client.ListProcesses();
    ASSERT_EQ(processes.size(), 1u) << "only the whole stat file is a process";
    EXPECT_EQ(processes.front().get<3>(), "ok");

    const auto applications = client.ListApplications();
    EXPECT_GE(applications.size(), 4u) << "the groups are there, whatever their files hold";
    for (const auto& application : applications) {
        for (const auto& [figure, value] : application.get<4>()) {
            EXPECT_TRUE(std::isfinite(value)) << application.get<0>() << " " << figure;
        }
    }

    EXPECT_EQ(bus.service_pid(), service) << "the same instance is still serving";
    EXPECT_FALSE(sensors.empty());
    std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace vitalsd::test
