// SPDX-License-Identifier: MIT
#include "text_charts.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vitalsd::ctl {
namespace {

TEST(ASparkline, ScalesIntoItsOwnRange) {
    EXPECT_EQ(sparkline({1, 2, 3, 4, 5, 6, 7, 8}), "▁▂▃▄▅▆▇█");
    EXPECT_EQ(sparkline({10, 80}), "▁█");
}

TEST(ASparkline, ScalesIntoAGivenRangeAndClamps) {
    EXPECT_EQ(sparkline({0, 50, 100}, ChartRange{0, 100}), "▁▅█");
    EXPECT_EQ(sparkline({-5, 150}, ChartRange{0, 100}), "▁█");
}

TEST(ASparkline, DrawsAFlatSeriesLowAndGapsAsSpaces) {
    EXPECT_EQ(sparkline({3, 3, 3}), "▁▁▁");
    EXPECT_EQ(sparkline({1, NAN, 2}), "▁ █");
    EXPECT_EQ(sparkline({}), "");
}

TEST(Resampling, KeepsAShortSeries) {
    EXPECT_EQ(resample({1, 2, 3}, 5), (std::vector<double>{1, 2, 3}));
}

TEST(Resampling, AveragesEachShareOfALongSeries) {
    EXPECT_EQ(resample({1, 3, 5, 7}, 2), (std::vector<double>{2, 6}));
    const auto points = resample({1, NAN, NAN, NAN}, 2);
    EXPECT_EQ(points[0], 1);
    EXPECT_TRUE(std::isnan(points[1]));
}

TEST(APercentBar, FillsInEighthsOfACell) {
    EXPECT_EQ(percent_bar(0, 4), "    ");
    EXPECT_EQ(percent_bar(100, 4), "████");
    EXPECT_EQ(percent_bar(50, 4), "██  ");
    EXPECT_EQ(percent_bar(3.125, 4), "▏   ");  // an eighth of one of four cells
    EXPECT_EQ(percent_bar(62.5, 2), "█▎");
}

TEST(APercentBar, ClampsAndDrawsNothingForAMissingValue) {
    EXPECT_EQ(percent_bar(130, 3), "███");
    EXPECT_EQ(percent_bar(-10, 3), "   ");
    EXPECT_EQ(percent_bar(NAN, 3), "   ");
}

}  // namespace
}  // namespace vitalsd::ctl
