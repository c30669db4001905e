// SPDX-License-Identifier: MIT
// Network, disk, system and pressure sensors served from captured proc and sys trees.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fixture_path.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

std::string text_of(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Returns the numbers after "name:" on the line of a net/dev text for that interface.
std::vector<double> interface_counters(const std::string& net_dev, const std::string& name) {
    std::istringstream lines(net_dev);
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(':');
        std::string label;
        std::istringstream(line.substr(0, colon)) >> label;
        if (colon != std::string::npos && label == name) {
            std::istringstream numbers(line.substr(colon + 1));
            std::vector<double> out(16);
            for (auto& value : out) {
                numbers >> value;
            }
            return out;
        }
    }
    throw std::runtime_error("no interface " + name);
}

// Returns the service's arguments that make it read the fixture vm.
std::vector<std::string> vm_args() {
    return {"--proc-root=" + fixture_path("vm/proc"), "--sys-root=" + fixture_path("vm/sys")};
}

std::vector<std::string> ids_of(VitalsClient& client) {
    std::vector<std::string> out;
    for (const auto& sensor : client.ListSensors()) {
        out.push_back(sensor.get<0>());
    }
    return out;
}

TEST(TheServiceOnACapturedMachine, ServesNetworkDiskAndSystemValuesExactly) {
    const auto proc = fixture_path("vm/proc");
    PrivateBus bus({"--proc-root=" + proc, "--sys-root=" + fixture_path("vm/sys")});
    VitalsClient client(bus);

    const auto [timestamp, values] = client.GetValues(
        {"network/eth0/totalDownload", "network/eth0/totalUpload", "network/all/totalDownload",
         "system/uptime", "system/threads", "system/processes", "disk/vda/read", "system/forks"});

    const auto net_dev = text_of(proc + "/net/dev");
    const auto eth0 = interface_counters(net_dev, "eth0");
    EXPECT_EQ(values.at("network/eth0/totalDownload"), eth0[0]);
    EXPECT_EQ(values.at("network/eth0/totalUpload"), eth0[8]);
    double received = 0;
    for (const char* name : {"eth0", "ifb0", "ifb1"}) {  // every interface of the file but lo
        received += interface_counters(net_dev, name)[0];
    }
    EXPECT_EQ(values.at("network/all/totalDownload"), received);

    double uptime = 0;
    std::istringstream(text_of(proc + "/uptime")) >> uptime;
    EXPECT_EQ(values.at("system/uptime"), uptime);
    std::istringstream loadavg(text_of(proc + "/loadavg"));
    std::string skip, tasks;
    loadavg >> skip >> skip >> skip >> tasks;
    EXPECT_EQ(values.at("system/threads"), std::stod(tasks.substr(tasks.find('/') + 1)));
    EXPECT_GT(values.at("system/processes"), 10.0);
    // The captured files stand still: rates measured over the probe window are 0.
    EXPECT_EQ(values.at("disk/vda/read"), 0.0);
    EXPECT_EQ(values.at("system/forks"), 0.0);
}

TEST(TheServiceOnACapturedMachine, ListsOnlyTheDiskOfAMachineWithIdleLoopAndZramDevices) {
    PrivateBus bus(vm_args());
    VitalsClient client(bus);

    const auto values = std::get<1>(client.GetValues({"disk/*/write"}));
    EXPECT_EQ(values.size(), 2u);
    EXPECT_TRUE(values.contains("disk/all/write"));
    EXPECT_TRUE(values.contains("disk/vda/write"));
}

TEST(TheServiceOnACapturedMachine, GivesInterfaceNamesAsEscapedIdsThatPatternsFind) {
    const auto proc = fixture_path("vm-devices/proc");
    PrivateBus bus({"--proc-root=" + proc, "--sys-root=" + fixture_path("vm-devices/sys")});
    VitalsClient client(bus);

    const auto values = std::get<1>(client.GetValues({"network/*/totalUpload"}));
    const auto net_dev = text_of(proc + "/net/dev");
    EXPECT_EQ(values.at("network/odd%2A0/totalUpload"), interface_counters(net_dev, "odd*0")[8]);
    EXPECT_TRUE(values.contains("network/caf%C3%A90/totalUpload"));
    EXPECT_EQ(std::get<1>(client.GetValues({"network/odd%2A0/totalUpload"})).size(), 1u);

    const auto ids = ids_of(client);
    const auto listed = [&](const std::string& id) {
        return std::find(ids.begin(), ids.end(), id) != ids.end();
    };
    EXPECT_TRUE(listed("disk/loop0/read")) << "holds btrfs";
    EXPECT_TRUE(listed("disk/zram1/read")) << "holds ext4";
    EXPECT_FALSE(listed("disk/loop2/read")) << "attached, not mounted";
    EXPECT_FALSE(listed("disk/zram0/read"));
}

TEST(TheServiceOnAMachineWithPressureStallInformation, ListsAndServesTheStallShares) {
    PrivateBus bus({"--proc-root=" + fixture_path("basic/proc")});
    VitalsClient client(bus);

    std::map<std::string, std::string> units;
    for (const auto& sensor : client.ListSensors()) {
        units[sensor.get<0>()] = sensor.get<1>();
    }
    EXPECT_EQ(units.at("pressure/cpu/some"), "%");
    EXPECT_EQ(units.at("pressure/io/full"), "%");
    EXPECT_EQ(units.at("pressure/io/totalFull"), "s");

    const auto values = std::get<1>(client.GetValues({"pressure/*/*"}));
    EXPECT_EQ(values.size(), 12u) << "some, full and their totals of each resource";
    EXPECT_GE(values.at("pressure/cpu/some"), 0.0);
    EXPECT_LE(values.at("pressure/cpu/some"), 100.0);
    EXPECT_EQ(values.at("pressure/memory/totalSome"), 0.0) << "the fixture's counter";
}

TEST(TheServiceOnACapturedMachine, ListsNoPressureSensorsWithoutProcPressure) {
    PrivateBus bus(vm_args());
    VitalsClient client(bus);

    for (const auto& id : ids_of(client)) {
        EXPECT_FALSE(id.starts_with("pressure/")) << id;
    }
    EXPECT_TRUE(std::get<1>(client.GetValues({"pressure/*/*"})).empty());
}

}  // namespace
}  // namespace vitalsd::test
