// SPDX-License-Identifier: MIT
#include "time_series.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vitalsd::monitor {
namespace {

constexpr std::uint64_t kSecond = 1'000'000;

TEST(ATimeSeries, KeepsPointsInOrderAndRefusesOlderOnes) {
    TimeSeries series(60 * kSecond);
    EXPECT_TRUE(series.add(10 * kSecond, 1, TimeSeries::Origin::History));
    EXPECT_TRUE(series.add(11 * kSecond, 2, TimeSeries::Origin::Live));
    // History fetched again after a pause overlaps what the series has.
    EXPECT_FALSE(series.add(11 * kSecond, 5, TimeSeries::Origin::History));
    EXPECT_FALSE(series.add(9 * kSecond, 5, TimeSeries::Origin::History));
    ASSERT_EQ(series.points().size(), 2u);
    EXPECT_EQ(series.points().back().value, 2);
    EXPECT_EQ(series.from_history(), 1u);
    EXPECT_EQ(series.from_updates(), 1u);
}

TEST(ATimeSeries, DropsWhatLeftTheSpanButOnePointThatEntersItsLeftEdge) {
    TimeSeries series(10 * kSecond);
    for (std::uint64_t t = 0; t <= 30; ++t) {
        series.add(t * kSecond, static_cast<double>(t), TimeSeries::Origin::Live);
    }
    EXPECT_EQ(series.points().front().time_usec, 20 * kSecond);
    EXPECT_EQ(series.points().size(), 11u);
}

TEST(ATimeSeries, ReportsAGapAsNaNAndSkipsItInItsMaximum) {
    TimeSeries series(60 * kSecond);
    series.add(1 * kSecond, 7, TimeSeries::Origin::History);
    series.add(2 * kSecond, NAN, TimeSeries::Origin::History);
    EXPECT_TRUE(std::isnan(series.points().back().value));
    EXPECT_EQ(series.max_since(0), 7);
}

TEST(ATimeSeries, MaximumCountsOnlyWhatTheGraphShows) {
    TimeSeries series(60 * kSecond);
    series.add(1 * kSecond, 90, TimeSeries::Origin::Live);
    series.add(2 * kSecond, 10, TimeSeries::Origin::Live);
    series.add(3 * kSecond, 20, TimeSeries::Origin::Live);
    series.add(4 * kSecond, 5, TimeSeries::Origin::Live);
    // The point just before the left edge still draws the line that enters the graph.
    EXPECT_EQ(series.max_since(2 * kSecond + 1), 20);
    EXPECT_EQ(series.max_since(3 * kSecond), 20);
    EXPECT_EQ(series.max_since(4 * kSecond), 20);
    EXPECT_EQ(series.max_since(5 * kSecond), 0);
}

TEST(AnAutomaticScale, RoundsUpToOneTwoOrFiveInTheUnitPeopleRead) {
    EXPECT_EQ(nice_ceiling(42, "°C", 1), 50);
    EXPECT_EQ(nice_ceiling(51, "°C", 1), 100);
    EXPECT_EQ(nice_ceiling(0.3, "", 0.1), 0.5);
    EXPECT_EQ(nice_ceiling(6.1 * 1024 * 1024, "B/s", 1), 10.0 * 1024 * 1024);
    EXPECT_EQ(nice_ceiling(1.5 * 1024 * 1024 * 1024, "B/s", 1), 2.0 * 1024 * 1024 * 1024);
    EXPECT_EQ(nice_ceiling(900, "B/s", 1), 1000);
}

TEST(AnAutomaticScale, NeverGoesBelowItsFloor) {
    EXPECT_EQ(nice_ceiling(0, "B/s", 10240), 10240);
    EXPECT_EQ(nice_ceiling(300, "B/s", 10240), 10240);
}

}  // namespace
}  // namespace vitalsd::monitor
