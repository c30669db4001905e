// SPDX-License-Identifier: MIT
// A '*' segment matches any one segment of a sensor id.
#include <gtest/gtest.h>

#include "fixture_path.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

TEST(APattern, MatchesOneSegmentPerStar) {
    PrivateBus bus({"--proc-root=" + fixture_path("basic/proc")});
    VitalsClient client(bus);

    const auto values = std::get<1>(client.GetValues({"cpu/*/usage"}));
    // The fixture has two CPUs.
    EXPECT_EQ(values.size(), 3u);
    EXPECT_TRUE(values.contains("cpu/all/usage"));
    EXPECT_TRUE(values.contains("cpu/cpu0/usage"));
    EXPECT_TRUE(values.contains("cpu/cpu1/usage"));

    const auto totals = std::get<1>(client.GetValues({"memory/*/total"}));
    EXPECT_EQ(totals.size(), 2u);
    // Two segments: load/* and system/*.
    const auto two = std::get<1>(client.GetValues({"*/*"}));
    for (const auto& [id, value] : two) {
        EXPECT_TRUE(id.starts_with("load/") || id.starts_with("system/")) << id;
    }
    EXPECT_TRUE(two.contains("load/15"));
}

TEST(APattern, ThatMatchesNothingIsNoError) {
    // The virtual machine's captured sys tree has no hwmon chip, whatever this machine has.
    PrivateBus bus({"--sys-root=" + fixture_path("vm/sys")});
    VitalsClient client(bus);

    EXPECT_TRUE(std::get<1>(client.GetValues({"temperature/*/*"})).empty());
}

TEST(APattern, CanBeMixedWithIdsAndOverlapWithoutDuplicates) {
    PrivateBus bus({"--proc-root=" + fixture_path("basic/proc")});
    VitalsClient client(bus);

    const auto values = std::get<1>(client.GetValues({"load/*", "load/1", "cpu/all/count"}));
    EXPECT_EQ(values.size(), 4u);
    EXPECT_EQ(values.at("cpu/all/count"), 2.0);
}

TEST(APattern, SelectsWhatASubscriberGets) {
    PrivateBus bus;
    VitalsClient client(bus);

    client.Start(100, {"load/*"});
    ASSERT_TRUE(client.pump_until([&] { return !client.updates.empty(); }, 2s));
    EXPECT_EQ(client.updates.front().values.size(), 3u);
}

}  // namespace
}  // namespace vitalsd::test
