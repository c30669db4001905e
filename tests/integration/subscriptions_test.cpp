// SPDX-License-Identifier: MIT
// Start and Stop per client: properties, unicast updates at each client's own interval.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

std::set<std::string> keys_of(const std::map<std::string, double>& values) {
    std::set<std::string> keys;
    for (const auto& [id, value] : values) {
        keys.insert(id);
    }
    return keys;
}

TEST(SubscribingClients, SetClientsSamplingAndTheSmallestInterval) {
    PrivateBus bus;
    VitalsClient first(bus);
    VitalsClient second(bus);

    first.Start(300, {"cpu/all/usage"});
    EXPECT_TRUE(first.Sampling());
    EXPECT_EQ(first.Clients(), 1u);
    EXPECT_EQ(first.Interval(), 300u);

    second.Start(200, {});
    EXPECT_EQ(first.Clients(), 2u);
    EXPECT_EQ(first.Interval(), 200u);

    second.Start(500, {});  // replaces its own subscription
    EXPECT_EQ(first.Clients(), 2u);
    EXPECT_EQ(first.Interval(), 300u);

    second.Stop();
    second.Stop();  // no error the second time
    EXPECT_EQ(first.Clients(), 1u);
    first.Stop();
    EXPECT_FALSE(first.Sampling());
    EXPECT_EQ(first.Interval(), 0u);
    EXPECT_EQ(first.Clients(), 0u);
}

TEST(SubscribingClients, AnnounceEachChangeWithPropertiesChanged) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Version();  // activated, so the first change is the one we make

    client.Start(250, {"load/1"});
    ASSERT_TRUE(client.pump_until([&] { return !client.property_changes.empty(); }, 2s));
    const auto& changed = client.property_changes.front();
    EXPECT_EQ(changed.at("Clients").get<std::uint32_t>(), 1u);
    EXPECT_EQ(changed.at("Sampling").get<bool>(), true);
    EXPECT_EQ(changed.at("Interval").get<std::uint32_t>(), 250u);

    client.Stop();
    ASSERT_TRUE(client.pump_until([&] { return client.property_changes.size() >= 2; }, 2s));
    EXPECT_EQ(client.property_changes[1].at("Clients").get<std::uint32_t>(), 0u);
}

TEST(SubscribedClients, EachGetTheirOwnSensorsAtTheirOwnInterval) {
    PrivateBus bus;
    VitalsClient fast(bus);
    VitalsClient slow(bus);
    VitalsClient bystander(bus);  // subscribed to nothing: must see no Updated at all

    fast.Start(200, {"cpu/all/usage", "load/1"});
    slow.Start(600, {"memory/*/used"});
    const auto started = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - started < 2400ms) {
        fast.pump(20ms);
        slow.pump(20ms);
        bystander.pump(5ms);
    }
    fast.Stop();
    slow.Stop();

    // 2.4 s at 200 ms is 12 updates and at 600 ms 4; allow for a loaded machine.
    EXPECT_GE(fast.updates.size(), 8u);
    EXPECT_LE(fast.updates.size(), 13u);
    EXPECT_GE(slow.updates.size(), 3u);
    EXPECT_LE(slow.updates.size(), 5u);
    EXPECT_TRUE(bystander.updates.empty()) << "updates are unicast to their subscriber";

    for (const auto& update : fast.updates) {
        EXPECT_EQ(keys_of(update.values), (std::set<std::string>{"cpu/all/usage", "load/1"}));
    }
    for (const auto& update : slow.updates) {
        EXPECT_EQ(keys_of(update.values),
                  (std::set<std::string>{"memory/physical/used", "memory/swap/used"}));
    }
    // Each client's own cadence: the gaps between its updates are near its interval.
    for (std::size_t i = 1; i < slow.updates.size(); ++i) {
        const auto gap = slow.updates[i].timestamp_usec - slow.updates[i - 1].timestamp_usec;
        EXPECT_NEAR(static_cast<double>(gap), 600'000.0, 150'000.0);
    }
}

TEST(SubscribedClients, GetRatesThatAreNeverMissing) {
    PrivateBus bus;
    VitalsClient client(bus);

    client.Start(100, {"cpu/*/usage"});
    ASSERT_TRUE(client.pump_until([&] { return client.updates.size() >= 3; }, 3s));
    client.Stop();
    for (const auto& update : client.updates) {
        ASSERT_TRUE(update.values.contains("cpu/all/usage"));
        for (const auto& [id, value] : update.values) {
            EXPECT_GE(value, 0.0) << id;
            EXPECT_LE(value, 100.0) << id;
        }
    }
}

TEST(AClientThatDies, LosesItsSubscriptionAtOnce) {
    PrivateBus bus;
    VitalsClient watcher(bus);
    watcher.Version();

    auto doomed = subscribed_process(bus, 100, {"load/1"});
    EXPECT_EQ(watcher.Clients(), 1u);

    doomed.kill(SIGKILL);
    ASSERT_TRUE(doomed.wait(5s).has_value());

    EXPECT_TRUE(watcher.pump_until([&] { return watcher.Clients() == 0; }, 2s));
    EXPECT_FALSE(watcher.Sampling());
}

}  // namespace
}  // namespace vitalsd::test
