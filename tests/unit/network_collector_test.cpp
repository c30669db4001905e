// SPDX-License-Identifier: MIT
#include "collectors/network.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <utility>
#include <vector>

#include "collector_reading.hpp"
#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::CollectorReading;
using test::present_ids;
using test::rate;
using test::read_collector;
using test::TempDir;

const char* const kFamily[] = {"download", "upload", "totalDownload", "totalUpload"};

struct Interface {
    std::string name;
    double received = 0;
    double sent = 0;
};

// The interfaces of a /proc/net/dev text in file order, parsed here independently of the
// collector: the name before the colon, then 16 numbers of which the 1st and the 9th are bytes.
std::vector<Interface> interfaces_of(const std::string& text) {
    std::vector<Interface> out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        Interface interface;
        std::istringstream(line.substr(0, colon)) >> interface.name;
        std::istringstream numbers(line.substr(colon + 1));
        std::vector<double> values(16);
        for (auto& value : values) {
            numbers >> value;
        }
        interface.received = values[0];
        interface.sent = values[8];
        out.push_back(interface);
    }
    return out;
}

// A /proc/net/dev text with these interfaces and byte counters, in the kernel's format.
std::string net_dev(const std::vector<Interface>& interfaces) {
    std::ostringstream out;
    out << "Inter-|   Receive                                                |  Transmit\n"
           " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
           "errs drop fifo colls carrier compressed\n";
    for (const auto& i : interfaces) {
        out.width(6);
        out << i.name << ": " << static_cast<unsigned long long>(i.received) << " 10 0 0 0 0 0 0 "
            << static_cast<unsigned long long>(i.sent) << " 20 0 0 0 0 0 0\n";
    }
    return out.str();
}

std::vector<std::string> ids_of(const std::vector<SensorInfo>& sensors) {
    std::vector<std::string> out;
    for (const auto& sensor : sensors) {
        out.push_back(sensor.id);
    }
    return out;
}

// A fixture tree's net/dev, read by the collector and, independently, by the test.
class ANetworkFixture {
protected:
    explicit ANetworkFixture(const std::string& name)
        : proc(test::fixture_path(name + "/proc")),
          collector(proc),
          interfaces(interfaces_of(test::read_text(proc + "/net/dev"))) {}

    const Interface& named(const std::string& name) const {
        const auto found = std::find_if(interfaces.begin(), interfaces.end(),
                                        [&](const Interface& i) { return i.name == name; });
        if (found == interfaces.end()) {
            throw std::out_of_range("no interface " + name);
        }
        return *found;
    }

    std::string proc;
    NetworkCollector collector;
    std::vector<Interface> interfaces;
};

// This machine as it is: lo, eth0 and two ifb devices.
class TheNetworkCollectorOnTheVmFixture : public ANetworkFixture, public ::testing::Test {
protected:
    TheNetworkCollectorOnTheVmFixture() : ANetworkFixture("vm") {}
};

TEST_F(TheNetworkCollectorOnTheVmFixture, FindsInterfacesInTheFixture) {
    ASSERT_GE(interfaces.size(), 2u);
    ASSERT_TRUE(std::any_of(interfaces.begin(), interfaces.end(),
                            [](const Interface& i) { return i.name == "lo"; }));
}

TEST_F(TheNetworkCollectorOnTheVmFixture, ListsAllThenEachInterfaceInFileOrder) {
    std::vector<std::string> expected;
    for (const char* what : kFamily) {
        expected.push_back(std::string("network/all/") + what);
    }
    for (const auto& interface : interfaces) {
        for (const char* what : kFamily) {
            expected.push_back("network/" + interface.name + "/" + what);
        }
    }
    EXPECT_EQ(ids_of(collector.sensors()), expected);
}

TEST_F(TheNetworkCollectorOnTheVmFixture, GivesRatesInBytesPerSecondAndTotalsInBytes) {
    for (const auto& sensor : collector.sensors()) {
        const bool total = sensor.id.find("/total") != std::string::npos;
        EXPECT_EQ(sensor.kind, total ? SensorKind::Gauge : SensorKind::Rate) << sensor.id;
        EXPECT_EQ(sensor.unit, total ? "B" : "B/s") << sensor.id;
        EXPECT_FALSE(sensor.label.empty()) << sensor.id;
        EXPECT_FALSE(sensor.description.empty()) << sensor.id;
    }
}

TEST_F(TheNetworkCollectorOnTheVmFixture, ReadsEachInterfacesByteCounters) {
    const auto reading = read_collector(collector);
    for (const auto& i : interfaces) {
        SCOPED_TRACE(i.name);
        EXPECT_EQ(reading["network/" + i.name + "/totalDownload"].a, i.received);
        EXPECT_EQ(reading["network/" + i.name + "/totalUpload"].a, i.sent);
        EXPECT_EQ(reading["network/" + i.name + "/download"].a, i.received);
        EXPECT_EQ(reading["network/" + i.name + "/upload"].a, i.sent);
    }
}

TEST_F(TheNetworkCollectorOnTheVmFixture, TotalsEveryInterfaceButTheLoopback) {
    double received = 0;
    double sent = 0;
    for (const auto& i : interfaces) {
        if (i.name != "lo") {
            received += i.received;
            sent += i.sent;
        }
    }
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["network/all/totalDownload"].a, received);
    EXPECT_EQ(reading["network/all/totalUpload"].a, sent);
}

TEST_F(TheNetworkCollectorOnTheVmFixture, FindsNothingChangedOnTheNextReads) {
    EXPECT_TRUE(test::reads_steadily(collector));
}

// Captured in a network namespace with renamed interfaces and names the kernel allows but an
// id cannot hold as they are.
class TheNetworkCollectorOnTheVmDevicesFixture : public ANetworkFixture, public ::testing::Test {
protected:
    TheNetworkCollectorOnTheVmDevicesFixture() : ANetworkFixture("vm-devices") {}
};

TEST_F(TheNetworkCollectorOnTheVmDevicesFixture, EscapesAStarAndBytesBeyondAscii) {
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["network/odd%2A0/totalUpload"].a, named("odd*0").sent);
    EXPECT_EQ(reading["network/caf%C3%A90/totalDownload"].a, named("caf\xc3\xa9"
                                                                   "0")
                                                                 .received);
    EXPECT_EQ(reading["network/lan0/totalUpload"].a, named("lan0").sent);
    for (const auto& sensor : reading.sensors) {
        EXPECT_EQ(sensor.id.find('*'), std::string::npos) << sensor.id;
        EXPECT_TRUE(std::all_of(sensor.label.begin(), sensor.label.end(), [](char c) {
            return c > 0x1f && c < 0x7f;
        })) << sensor.label;
    }
}

TEST_F(TheNetworkCollectorOnTheVmDevicesFixture, LeavesTheLoopbacksTrafficOutOfTheTotal) {
    ASSERT_GT(named("lo").received, 0) << "the capture sent traffic over lo";
    double received = 0;
    for (const auto& i : interfaces) {
        received += i.name == "lo" ? 0 : i.received;
    }
    EXPECT_EQ(read_collector(collector)["network/all/totalDownload"].a, received);
}

// The same namespace before two interfaces were renamed (tap1 to lan0, tap2 to odd*0) and one
// was added, with traffic in between.
TEST_F(TheNetworkCollectorOnTheVmDevicesFixture, FollowsInterfacesRenamedBetweenReads) {
    const auto before_text =
        test::read_text(test::fixture_path("vm-devices/before-rename/proc") + "/net/dev");
    TempDir dir;
    dir.make_dir("net");
    dir.write("net/dev", before_text);
    NetworkCollector renamed(dir.path());
    const auto before = read_collector(renamed);
    EXPECT_NO_THROW(before["network/tap1/totalDownload"]);

    dir.write("net/dev", test::read_text(proc + "/net/dev"));
    std::vector<RawSample> out;
    EXPECT_TRUE(renamed.read(out)) << "the interfaces changed";
    const auto after = read_collector(renamed);
    EXPECT_THROW(after["network/tap1/totalDownload"], std::out_of_range);
    EXPECT_THROW(after["network/tap2/totalDownload"], std::out_of_range);
    EXPECT_EQ(after["network/lan0/totalDownload"].a, named("lan0").received);
    EXPECT_EQ(after["network/odd%2A0/totalDownload"].a, named("odd*0").received);

    // The total's rate counts what the interfaces that kept their names counted meanwhile (tap0
    // here): a renamed interface starts afresh under its new name, without a jump.
    const auto old = interfaces_of(before_text);
    double received = 0;
    for (const auto& i : old) {
        const auto now = std::find_if(interfaces.begin(), interfaces.end(),
                                      [&](const Interface& n) { return n.name == i.name; });
        if (i.name != "lo" && now != interfaces.end()) {
            received += now->received - i.received;
        }
    }
    ASSERT_GT(received, 0);
    EXPECT_EQ(rate(before, after, "network/all/download"), received);
}

// Hand-written: long names, counters beyond 32 bits, a leftover "rename7".
class TheNetworkCollectorOnTheOddDevicesFixture : public ANetworkFixture, public ::testing::Test {
protected:
    TheNetworkCollectorOnTheOddDevicesFixture() : ANetworkFixture("odd-devices") {}
};

TEST_F(TheNetworkCollectorOnTheOddDevicesFixture, ReadsLongNamesAndCountersBeyond32Bits) {
    const auto reading = read_collector(collector);
    for (const auto& i : interfaces) {
        SCOPED_TRACE(i.name);
        EXPECT_EQ(reading["network/" + i.name + "/totalDownload"].a, i.received);
        EXPECT_EQ(reading["network/" + i.name + "/totalUpload"].a, i.sent);
    }
    EXPECT_GT(reading["network/enp0s31f6/totalUpload"].a, 4294967296.0);
}

class TheNetworkCollector : public ::testing::Test {
protected:
    TheNetworkCollector() { dir.make_dir("net"); }

    TempDir dir;
};

TEST_F(TheNetworkCollector, GivesTheBytesPerSecondBetweenTwoReadings) {
    dir.write("net/dev", net_dev({{"lo", 500, 500}, {"eth0", 1000, 2000}, {"wlan0", 10, 20}}));
    NetworkCollector collector(dir.path());
    const auto before = read_collector(collector);
    dir.write("net/dev", net_dev({{"lo", 900, 900}, {"eth0", 7000, 2500}, {"wlan0", 410, 20}}));
    const auto after = read_collector(collector);

    EXPECT_DOUBLE_EQ(rate(before, after, "network/eth0/download", 2.0), 3000.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "network/eth0/upload", 2.0), 250.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "network/lo/download", 2.0), 200.0);
    EXPECT_DOUBLE_EQ(rate(before, after, "network/all/download", 2.0), 3200.0) << "lo left out";
    EXPECT_DOUBLE_EQ(rate(before, after, "network/all/upload", 2.0), 250.0);
    EXPECT_EQ(after["network/all/totalDownload"].a, 7410.0);
    EXPECT_EQ(after["network/all/totalUpload"].a, 2520.0);
}

TEST_F(TheNetworkCollector, GivesNoTrafficWhenACounterGoesBackwards) {
    dir.write("net/dev", net_dev({{"eth0", 5000, 5000}, {"eth1", 100, 100}}));
    NetworkCollector collector(dir.path());
    const auto before = read_collector(collector);
    dir.write("net/dev", net_dev({{"eth0", 300, 5000}, {"eth1", 150, 100}}));  // a reset
    const auto after = read_collector(collector);
    EXPECT_EQ(rate(before, after, "network/eth0/download"), 0.0);
    EXPECT_EQ(rate(before, after, "network/all/download"), 50.0) << "eth1's traffic only";
}

TEST_F(TheNetworkCollector, ListsAnInterfaceThatAppearsAfterTheOthers) {
    dir.write("net/dev", net_dev({{"lo", 1, 1}, {"eth0", 2, 2}}));
    NetworkCollector collector(dir.path());
    const auto ids = ids_of(collector.sensors());
    dir.write("net/dev", net_dev({{"lo", 1, 1}, {"eth0", 2, 2}, {"usb0", 3, 3}}));
    std::vector<RawSample> out;
    EXPECT_TRUE(collector.read(out));
    const auto now = ids_of(collector.sensors());
    ASSERT_EQ(now.size(), ids.size() + 4);
    EXPECT_TRUE(std::equal(ids.begin(), ids.end(), now.begin())) << "the others keep their order";
    EXPECT_EQ(now.back(), "network/usb0/totalUpload");
    EXPECT_EQ(out.size(), now.size());
    EXPECT_FALSE(collector.read(out));
}

TEST_F(TheNetworkCollector, DropsAnInterfaceThatDisappears) {
    dir.write("net/dev", net_dev({{"lo", 1, 1}, {"eth0", 2, 2}, {"usb0", 3, 3}}));
    NetworkCollector collector(dir.path());
    dir.write("net/dev", net_dev({{"lo", 1, 1}, {"usb0", 3, 3}}));
    std::vector<RawSample> out;
    EXPECT_TRUE(collector.read(out));
    const auto reading = read_collector(collector);
    EXPECT_THROW(reading["network/eth0/download"], std::out_of_range);
    EXPECT_EQ(reading["network/usb0/totalDownload"].a, 3.0);
    EXPECT_EQ(reading["network/all/totalDownload"].a, 3.0);
}

TEST_F(TheNetworkCollector, DoesNotCountTheHistoryOfAnInterfaceThatAppearsAsTraffic) {
    dir.write("net/dev", net_dev({{"eth0", 1000, 1000}}));
    NetworkCollector collector(dir.path());
    const auto before = read_collector(collector);
    // Moved in from another namespace with a terabyte behind it; eth0 received 500 meanwhile.
    dir.write("net/dev", net_dev({{"eth0", 1500, 1000}, {"veth0", 1e12, 1e12}}));
    std::vector<RawSample> out;
    collector.read(out);
    const auto after = read_collector(collector);
    EXPECT_EQ(rate(before, after, "network/all/download"), 500.0);
    EXPECT_EQ(after["network/all/totalDownload"].a, 1e12 + 1500);
}

TEST_F(TheNetworkCollector, ReadsTheOldFormatWithoutASpaceAfterTheColon) {
    // Kernels once printed "%6s:%8lu": a long name and a long counter touch.
    dir.write("net/dev",
              "Inter-|   Receive |  Transmit\n face |bytes |bytes\n"
              "enp0s31f6:1234567890 9876543 0 0 0 0 0 0 987654321 654321 0 0 0 0 0 0\n");
    NetworkCollector collector(dir.path());
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["network/enp0s31f6/totalDownload"].a, 1234567890.0);
    EXPECT_EQ(reading["network/enp0s31f6/totalUpload"].a, 987654321.0);
}

TEST_F(TheNetworkCollector, LeavesTheNumbersOfALineCutShortMissing) {
    dir.write("net/dev", net_dev({{"lo", 1, 1}, {"eth0", 2, 2}}));
    NetworkCollector collector(dir.path());
    dir.write("net/dev", net_dev({{"lo", 7, 7}}) + "  eth0: 12345 10 0 0");
    const auto reading = read_collector(collector);
    EXPECT_EQ(reading["network/lo/totalDownload"].a, 7.0);
    EXPECT_EQ(reading["network/eth0/totalDownload"].a, 12345.0);
    EXPECT_FALSE(reading["network/eth0/totalUpload"].present());
    EXPECT_FALSE(reading["network/all/totalUpload"].present()) << "not a sum short of eth0";
    EXPECT_EQ(reading["network/all/totalDownload"].a, 12345.0);
}

TEST_F(TheNetworkCollector, ListsNoInterfaceForGarbage) {
    dir.write("net/dev", "\x01\x02 garbage\n:::\n  : 12 13\n\n");
    NetworkCollector collector(dir.path());
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    ASSERT_EQ(reading.sensors.size(), 4u) << "network/all/* only";
    EXPECT_EQ(present_ids(reading), std::vector<std::string>{});
}

TEST_F(TheNetworkCollector, GivesMissingTotalsWithoutThrowingWhenTheFileIsMissing) {
    NetworkCollector collector(dir.path());
    CollectorReading reading;
    ASSERT_NO_THROW(reading = read_collector(collector));
    ASSERT_EQ(reading.sensors.size(), 4u) << "network/all/* only";
    EXPECT_EQ(present_ids(reading), std::vector<std::string>{});
}

}  // namespace
}  // namespace vitalsd
