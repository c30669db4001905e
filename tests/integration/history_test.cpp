// SPDX-License-Identifier: MIT
// GetHistory returns what was sampled, from a bounded ring.
#include <gtest/gtest.h>

#include <cmath>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

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
    client.pump(3200ms);
    client.Stop();

    const auto [timestamps, series] = client.GetHistory({"load/1", "cpu/all/usage", "load/5"}, 0);
    // Samples every 100 ms for about 3.2 s: one entry per second, not 32.
    EXPECT_GE(timestamps.size(), 3u);
    EXPECT_LE(timestamps.size(), 5u);
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
    PrivateBus bus({"--history=2"});
    VitalsClient client(bus);

    client.Start(200, {"load/1"});
    client.pump(3500ms);
    client.Stop();

    EXPECT_EQ(std::get<0>(client.GetHistory({"load/1"}, 0)).size(), 2u);
}

TEST(History, RefusesARequestLargerThanTheLimit) {
    PrivateBus bus({"--max-history-values=5"});
    VitalsClient client(bus);

    client.Start(100, {});
    client.pump(2200ms);
    client.Stop();

    EXPECT_EQ(error_of([&] { client.GetHistory({}, 0); }), "io.github.vitalsd.Error.LimitExceeded");
    EXPECT_EQ(error_of([&] { client.GetHistory({"load/1"}, 0); }), "");
}

}  // namespace
}  // namespace vitalsd::test
