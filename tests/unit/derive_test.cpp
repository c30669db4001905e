// SPDX-License-Identifier: MIT
#include "sampling/derive.hpp"

#include <gtest/gtest.h>

#include <limits>

#include <cmath>

namespace vitalsd {
namespace {

constexpr RawSample kNone{};

RawSample counter(double a) {
    return {a, kMissing};
}

RawSample share(double part, double whole) {
    return {part, whole};
}

TEST(AGaugeSensor, PassesTheCurrentValueThrough) {
    EXPECT_EQ(derive_value(SensorKind::Gauge, counter(1), counter(42.5), 1.0), 42.5);
}

TEST(AGaugeSensor, NeedsNeitherAPreviousReadingNorTime) {
    EXPECT_EQ(derive_value(SensorKind::Gauge, kNone, counter(7), 0.0), 7.0);
}

TEST(AGaugeSensor, IsMissingWhenTheCurrentReadingIsMissing) {
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Gauge, counter(7), kNone, 1.0)));
}

TEST(ARateSensor, IsTheChangeOfTheCounterPerSecond) {
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Rate, counter(100), counter(350), 0.5), 500.0);
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Rate, counter(100), counter(130), 3.0), 10.0);
}

TEST(ARateSensor, IsZeroWhenTheCounterDidNotMove) {
    EXPECT_EQ(derive_value(SensorKind::Rate, counter(100), counter(100), 1.0), 0.0);
}

TEST(ARateSensor, IsZeroNotNegativeWhenTheCounterWentBackwards) {
    EXPECT_EQ(derive_value(SensorKind::Rate, counter(1000), counter(10), 1.0), 0.0);
}

TEST(ARateSensor, IsMissingWithoutAPreviousReading) {
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Rate, kNone, counter(10), 1.0)));
}

TEST(ARateSensor, IsMissingWithoutACurrentReading) {
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Rate, counter(10), kNone, 1.0)));
}

TEST(ARateSensor, IsMissingWhenNoTimePassed) {
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Rate, counter(10), counter(20), 0.0)));
}

TEST(ARateSensor, IsMissingWhenTimeWentBackwards) {
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Rate, counter(10), counter(20), -1.0)));
}

TEST(ARateSensor, IsMissingWhenTheTimeIsNotANumber) {
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Rate, counter(10), counter(20), kMissing)));
}

TEST(AShareSensor, IsTheChangeOfThePartOverTheChangeOfTheWhole) {
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Share, share(10, 100), share(40, 200), 1.0), 30.0);
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Share, share(0, 0), share(1, 3), 1.0), 100.0 / 3.0);
}

TEST(AShareSensor, IsZeroWhenTheCounterDidNotMove) {
    EXPECT_EQ(derive_value(SensorKind::Share, share(10, 100), share(10, 100), 1.0), 0.0);
}

TEST(AShareSensor, IsZeroWhenTheWholeDidNotMoveThoughThePartDid) {
    EXPECT_EQ(derive_value(SensorKind::Share, share(10, 100), share(50, 100), 1.0), 0.0);
}

TEST(AShareSensor, IsZeroWhenTheWholeWentBackwards) {
    EXPECT_EQ(derive_value(SensorKind::Share, share(10, 100), share(50, 60), 1.0), 0.0);
}

TEST(AShareSensor, IsZeroNotNegativeWhenThePartWentBackwards) {
    EXPECT_EQ(derive_value(SensorKind::Share, share(50, 100), share(40, 200), 1.0), 0.0);
}

TEST(AShareSensor, IsAtMostOneHundredWhenThePartOutgrewTheWhole) {
    EXPECT_EQ(derive_value(SensorKind::Share, share(0, 0), share(300, 100), 1.0), 100.0);
}

TEST(AShareSensor, DoesNotDependOnTheTimeBetweenTheReadings) {
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Share, share(0, 0), share(1, 4), 0.0), 25.0);
    EXPECT_DOUBLE_EQ(derive_value(SensorKind::Share, share(0, 0), share(1, 4), 60.0), 25.0);
}

TEST(AShareSensor, IsMissingWhenThePreviousPartIsMissing) {
    EXPECT_TRUE(
        std::isnan(derive_value(SensorKind::Share, share(kMissing, 100), share(40, 200), 1)));
}

TEST(AShareSensor, IsMissingWhenTheCurrentPartIsMissing) {
    EXPECT_TRUE(
        std::isnan(derive_value(SensorKind::Share, share(10, 100), share(kMissing, 200), 1)));
}

TEST(AShareSensor, IsMissingWhenThePreviousWholeIsMissing) {
    EXPECT_TRUE(
        std::isnan(derive_value(SensorKind::Share, share(10, kMissing), share(40, 200), 1)));
}

TEST(AShareSensor, IsMissingWhenTheCurrentWholeIsMissing) {
    EXPECT_TRUE(
        std::isnan(derive_value(SensorKind::Share, share(10, 100), share(40, kMissing), 1)));
}

TEST(AnyValue, IsMissingRatherThanInfinite) {
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Gauge, {}, {-inf}, 1.0)));
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Rate, {0.0}, {inf}, 1.0)));
    EXPECT_TRUE(std::isnan(derive_value(SensorKind::Share, {0.0, 0.0}, {1.0, inf}, 1.0)));
}

}  // namespace
}  // namespace vitalsd
