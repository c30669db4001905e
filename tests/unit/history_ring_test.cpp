// SPDX-License-Identifier: MIT
#include "sampling/history_ring.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vitalsd {
namespace {

constexpr std::uint64_t kSecond = 1'000'000;                // microseconds
constexpr std::uint64_t kRealtime = 1'700'000'000'000'000;  // an arbitrary wall clock start

// Records values at whole second s of both clocks.
void record_at(HistoryRing& ring, std::uint64_t s, const std::vector<HistoryRing::Value>& values) {
    ring.record(s * kSecond, kRealtime + s * kSecond, values);
}

struct Query {
    std::vector<std::uint64_t> timestamps;
    std::vector<std::vector<double>> series;
};

Query query(const HistoryRing& ring, std::uint64_t since_usec,
            const std::vector<SensorIndex>& sensors) {
    Query out;
    ring.query(since_usec, sensors, out.timestamps, out.series);
    return out;
}

TEST(AnEmptyHistoryRing, HasNoEntries) {
    HistoryRing ring(10);
    EXPECT_EQ(ring.count_since(0), 0u);
    const auto result = query(ring, 0, {0, 1});
    EXPECT_TRUE(result.timestamps.empty());
    ASSERT_EQ(result.series.size(), 2u);
    EXPECT_TRUE(result.series[0].empty());
    EXPECT_TRUE(result.series[1].empty());
}

TEST(AHistoryRing, KeepsOneEntryPerSecondWithTheRealtimeOfItsFirstValues) {
    HistoryRing ring(10);
    record_at(ring, 1, {{0, 1.0}});
    record_at(ring, 2, {{0, 2.0}});
    EXPECT_EQ(ring.count_since(0), 2u);
    const auto result = query(ring, 0, {0});
    EXPECT_EQ(result.timestamps,
              (std::vector<std::uint64_t>{kRealtime + kSecond, kRealtime + 2 * kSecond}));
    EXPECT_EQ(result.series[0], (std::vector<double>{1.0, 2.0}));
}

TEST(AHistoryRing, KeepsAtMostItsCapacityDroppingTheOldest) {
    HistoryRing ring(3);
    for (std::uint64_t s = 1; s <= 5; ++s) {
        record_at(ring, s, {{0, static_cast<double>(s)}});
    }
    EXPECT_EQ(ring.count_since(0), 3u);
    const auto result = query(ring, 0, {0});
    EXPECT_EQ(result.timestamps.front(), kRealtime + 3 * kSecond);
    EXPECT_EQ(result.series[0], (std::vector<double>{3.0, 4.0, 5.0}));
}

TEST(AHistoryRing, OfNoCapacityKeepsNothing) {
    HistoryRing ring(0);
    record_at(ring, 1, {{0, 1.0}});
    EXPECT_EQ(ring.count_since(0), 0u);
}

TEST(AHistoryRing, IgnoresARecordWithoutValues) {
    HistoryRing ring(10);
    record_at(ring, 1, {});
    EXPECT_EQ(ring.count_since(0), 0u);
}

TEST(AHistoryRing, JoinsValuesTakenWithinASecondOfAnEntryIntoIt) {
    HistoryRing ring(10);
    ring.record(7 * kSecond + 100'000, kRealtime + 100'000, {{0, 1.0}});
    ring.record(8 * kSecond + 40'000, kRealtime + 940'000, {{1, 2.0}});
    EXPECT_EQ(ring.count_since(0), 1u);
    const auto result = query(ring, 0, {0, 1});
    EXPECT_EQ(result.timestamps, std::vector<std::uint64_t>{kRealtime + 100'000});
    EXPECT_EQ(result.series[0], std::vector<double>{1.0});
    EXPECT_EQ(result.series[1], std::vector<double>{2.0});
}

TEST(AHistoryRing, StartsANewEntryASecondAfterTheLastLessTimerJitter) {
    HistoryRing ring(10);
    ring.record(7 * kSecond, kRealtime, {{0, 1.0}});
    ring.record(7 * kSecond + 949'999, kRealtime + 949'999, {{1, 2.0}});
    EXPECT_EQ(ring.count_since(0), 1u) << "joins: not yet a second on";
    ring.record(7 * kSecond + 950'000, kRealtime + 950'000, {{0, 3.0}});
    EXPECT_EQ(ring.count_since(0), 2u);
}

TEST(AHistoryRing, NeverStartsEntriesCloserThanASecondAcrossASecondBoundary) {
    HistoryRing ring(10);
    ring.record(7 * kSecond + 999'000, kRealtime, {{0, 1.0}});
    ring.record(8 * kSecond + 1'000, kRealtime + 2'000, {{0, 2.0}});
    EXPECT_EQ(ring.count_since(0), 1u);
}

TEST(AHistoryRing, KeepsTheFirstValueOfASensorWithinASecond) {
    HistoryRing ring(10);
    ring.record(7 * kSecond, kRealtime, {{0, 1.0}});
    ring.record(7 * kSecond + 500'000, kRealtime + 500'000, {{0, 2.0}});
    EXPECT_EQ(query(ring, 0, {0}).series[0], std::vector<double>{1.0});
}

TEST(AHistoryRing, KeepsJoinedValuesFindableWhateverTheirOrder) {
    HistoryRing ring(10);
    ring.record(7 * kSecond, kRealtime, {{0, 10.0}, {3, 13.0}, {6, 16.0}});
    ring.record(7 * kSecond + 1, kRealtime + 1, {{1, 11.0}, {3, 99.0}, {4, 14.0}, {7, 17.0}});
    ring.record(7 * kSecond + 2, kRealtime + 2, {{2, 12.0}, {5, 15.0}});
    const auto result = query(ring, 0, {0, 1, 2, 3, 4, 5, 6, 7});
    for (SensorIndex sensor = 0; sensor < 8; ++sensor) {
        EXPECT_EQ(result.series[sensor], std::vector<double>{10.0 + sensor}) << sensor;
    }
}

TEST(AHistoryRing, PutsNaNWhereAnEntryLacksASensor) {
    HistoryRing ring(10);
    record_at(ring, 1, {{0, 1.0}, {1, 10.0}});
    record_at(ring, 2, {{1, 20.0}});
    record_at(ring, 3, {{0, 3.0}});
    const auto result = query(ring, 0, {0, 1, 2});
    ASSERT_EQ(result.timestamps.size(), 3u);
    EXPECT_EQ(result.series[0][0], 1.0);
    EXPECT_TRUE(std::isnan(result.series[0][1]));
    EXPECT_EQ(result.series[0][2], 3.0);
    EXPECT_EQ(result.series[1][0], 10.0);
    EXPECT_EQ(result.series[1][1], 20.0);
    EXPECT_TRUE(std::isnan(result.series[1][2]));
    for (const double value : result.series[2]) {
        EXPECT_TRUE(std::isnan(value));
    }
}

TEST(AHistoryRing, GivesTheSeriesInTheOrderOfTheSensorsAskedFor) {
    HistoryRing ring(10);
    record_at(ring, 1, {{0, 1.0}, {5, 5.0}});
    const auto result = query(ring, 0, {5, 0});
    EXPECT_EQ(result.series[0], std::vector<double>{5.0});
    EXPECT_EQ(result.series[1], std::vector<double>{1.0});
}

TEST(AHistoryRing, CountsOnlyEntriesStrictlyNewerThanSince) {
    HistoryRing ring(10);
    ring.record(1 * kSecond, 100, {{0, 1.0}});
    ring.record(2 * kSecond, 200, {{0, 2.0}});
    ring.record(3 * kSecond, 300, {{0, 3.0}});
    EXPECT_EQ(ring.count_since(0), 3u);
    EXPECT_EQ(ring.count_since(99), 3u);
    EXPECT_EQ(ring.count_since(100), 2u);
    EXPECT_EQ(ring.count_since(199), 2u);
    EXPECT_EQ(ring.count_since(200), 1u);
    EXPECT_EQ(ring.count_since(300), 0u);
}

TEST(AHistoryRing, QueriesOnlyEntriesStrictlyNewerThanSince) {
    HistoryRing ring(10);
    ring.record(1 * kSecond, 100, {{0, 1.0}});
    ring.record(2 * kSecond, 200, {{0, 2.0}});
    ring.record(3 * kSecond, 300, {{0, 3.0}});
    const auto result = query(ring, 200, {0});
    EXPECT_EQ(result.timestamps, std::vector<std::uint64_t>{300});
    EXPECT_EQ(result.series[0], std::vector<double>{3.0});
    EXPECT_TRUE(query(ring, 300, {0}).timestamps.empty());
}

}  // namespace
}  // namespace vitalsd
