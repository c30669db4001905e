// SPDX-License-Identifier: MIT
// GetHistory returns what was sampled, from a bounded ring.
#include <gtest/gtest.h>

#include <cmath>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// The rules of the ring (one entry a second, capacity, since) are proven on the fake clock in
// history_ring_test.cpp and monitor_test.cpp; these check that they reach the bus.
bool wait_for_history_entries(VitalsClient& client, std::size_t entries) {
    return client.pump_until(
        [&] { return std::get<0>(client.GetHistory({"load/1"}, 0)).size() >= entries; }, 5s);
}

TEST(History, IsEmptyBeforeAnythingWasSampled) {
    PrivateBus bus;
    VitalsClient client(bus);

    const auto [timestamps, series] = client.GetHistory({"load/1"}, 0);
    EXPECT_TRUE(timestamps.empty());
    EXPECT_TRUE(series.at("load/1").empty());
}

TEST(History, HoldsAtMostOneSampleASecondOfWhatWasSampled) {
    PrivateBus bus;
    VitalsClient client(bus);

    client.Start(100, {"load/1", "cpu/all/usage"});
    ASSERT_TRUE(wait_for_history_entries(client, 2));
    client.Stop();

    const auto [timestamps, series] = client.GetHistory({"load/1", "cpu/all/usage", "load/5"}, 0);
    // A second of samples every 100 ms: one entry for it, not ten.
    ASSERT_GE(timestamps.size(), 2u);
    EXPECT_LE(timestamps.size(), 3u);
    for (std::size_t i = 1; i < timestamps.size(); ++i) {
        EXPECT_GT(timestamps[i], timestamps[i - 1]);
    }
    for (const auto& id : {"load/1", "cpu/all/usage"}) {
        ASSERT_EQ(series.at(id).size(), timestamps.size()) << id;
        for (const double value : series.at(id)) {
            EXPECT_FALSE(std::isnan(value)) << id;
        }
    }
    // load/5 was never sampled: present, aligned, and all NaN.
    ASSERT_EQ(series.at("load/5").size(), timestamps.size());
    for (const double value : series.at("load/5")) {
        EXPECT_TRUE(std::isnan(value));
    }

    const auto [later, later_series] = client.GetHistory({"load/1"}, timestamps[0]);
    EXPECT_EQ(later.size(), timestamps.size() - 1) << "since is exclusive";
    const auto [future, future_series] = client.GetHistory({"load/1"}, UINT64_MAX);
    EXPECT_TRUE(future.empty());
}

TEST(History, IsBoundedByItsCapacity) {
    PrivateBus bus({"--history=1"});
    VitalsClient client(bus);

    client.Start(200, {"load/1"});
    ASSERT_TRUE(wait_for_history_entries(client, 1));
    const auto first = std::get<0>(client.GetHistory({"load/1"}, 0)).at(0);
    ASSERT_TRUE(client.pump_until(
        [&] { return std::get<0>(client.GetHistory({"load/1"}, 0)).at(0) != first; }, 5s))
        << "a second entry took the first one's place";
    client.Stop();

    EXPECT_EQ(std::get<0>(client.GetHistory({"load/1"}, 0)).size(), 1u);
}

TEST(History, RefusesARequestLargerThanTheLimit) {
    PrivateBus bus({"--max-history-values=5"});
    VitalsClient client(bus);

    client.Start(100, {});
    ASSERT_TRUE(wait_for_history_entries(client, 1));
    client.Stop();

    EXPECT_EQ(error_of([&] { client.GetHistory({}, 0); }), "io.github.vitalsd.Error.LimitExceeded");
    EXPECT_EQ(error_of([&] { client.GetHistory({"load/1"}, 0); }), "");
}

}  // namespace
}  // namespace vitalsd::test
