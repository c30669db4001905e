// SPDX-License-Identifier: MIT
// vitalsctl history, piped: a table of what the service recorded while someone was subscribed.
#include <gtest/gtest.h>

#include "ctl_process.hpp"
#include "json_reader.hpp"
#include "value_format.hpp"

namespace vitalsd::test {
namespace {

// Subscribes until the service has recorded at least `entries` history entries (one a second
// at most), then unsubscribes, so that the history holds still while the test reads it.
std::vector<std::uint64_t> record_history(VitalsClient& client, std::size_t entries) {
    client.Start(200, {"memory/physical/used", "load/1"});
    std::vector<std::uint64_t> timestamps;
    client.pump_until(
        [&] {
            timestamps = std::get<0>(client.GetHistory({"load/1"}, 0));
            return timestamps.size() >= entries;
        },
        30s);
    client.Stop();
    return std::get<0>(client.GetHistory({"load/1"}, 0));
}

TEST(HistoryPiped, IsATableOfTheRecordedSamples) {
    PrivateBus bus(basic_fixture_args());
    VitalsClient client(bus);
    const auto timestamps = record_history(client, 2);
    ASSERT_GE(timestamps.size(), 2u);

    const auto result = run_ctl(bus, {"history", "load/1", "memory/physical/used"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::string expected = "TIME      memory/physical/used  load/1\n";
    for (const auto timestamp : timestamps) {
        expected += time_of_day(timestamp) + "             318.4 MiB    0.49\n";
    }
    EXPECT_EQ(result.out, expected);
}

TEST(HistoryPiped, SaysWhenNothingWasRecorded) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"history", "load/1", "--since", "10s"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err,
              "vitalsctl: no samples in that time: the service records history only while a "
              "client is subscribed (vitalsctl watch)\n");
}

TEST(History, InJsonHasTimestampsAndAlignedSeries) {
    PrivateBus bus(basic_fixture_args());
    VitalsClient client(bus);
    const auto timestamps = record_history(client, 2);

    const auto result = run_ctl(bus, {"history", "--json", "load/*", "memory/physical/used"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = parse_json(result.out);
    EXPECT_TRUE(json["since_usec"].is(Json::Type::Number));
    const auto& times = json["timestamps_usec"].elements;
    ASSERT_EQ(times.size(), timestamps.size());
    for (std::size_t i = 0; i < times.size(); ++i) {
        EXPECT_EQ(times[i].number, static_cast<double>(timestamps[i]));
    }
    const auto& series = json["series"].members;
    ASSERT_EQ(series.size(), 4u);
    for (const auto& [id, values] : series) {
        EXPECT_EQ(values.elements.size(), times.size()) << id;
        EXPECT_TRUE(json["units"][id].is(Json::Type::String)) << id;
    }
    // Only load/1 of the load sensors was sampled: the others are NaN, which JSON holds as null.
    EXPECT_EQ(series.at("load/1").elements.front().number, 0.49);
    EXPECT_TRUE(series.at("load/5").elements.front().is(Json::Type::Null));
    EXPECT_EQ(series.at("memory/physical/used").elements.back().number, 333852672.0);
}

}  // namespace
}  // namespace vitalsd::test
