// SPDX-License-Identifier: MIT
#include "value_format.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vitalsd {
namespace {

TEST(Bytes, AreScaledInBinaryMultiples) {
    EXPECT_EQ(human_value(0, "B"), "0 B");
    EXPECT_EQ(human_value(512, "B"), "512 B");
    EXPECT_EQ(human_value(1023, "B"), "1023 B");
    EXPECT_EQ(human_value(1024, "B"), "1.0 KiB");
    EXPECT_EQ(human_value(3.2 * 1024 * 1024 * 1024, "B"), "3.2 GiB");
    EXPECT_EQ(human_value(25276502016, "B"), "23.5 GiB");
    EXPECT_EQ(human_value(1024.0 * 1024 * 1024 * 1024 * 2, "B"), "2.0 TiB");
}

TEST(Bytes, MoveUpAPrefixRatherThanShow1024) {
    EXPECT_EQ(human_value(1024 * 1024 - 1, "B"), "1.0 MiB");
}

TEST(ByteRates, AreScaledLikeBytes) {
    EXPECT_EQ(human_value(12.5 * 1024 * 1024, "B/s"), "12.5 MiB/s");
    EXPECT_EQ(human_value(0, "B/s"), "0 B/s");
}

TEST(PercentagesTemperaturesAndPower, HaveOneDecimal) {
    EXPECT_EQ(human_value(42, "%"), "42.0 %");
    EXPECT_EQ(human_value(1.3208025057765969, "%"), "1.3 %");
    EXPECT_EQ(human_value(45, "°C"), "45.0 °C");
    EXPECT_EQ(human_value(7.25, "W"), "7.2 W");
}

TEST(PercentagesThatRoundToZero, ShowNoMinusSign) {
    EXPECT_EQ(human_value(-0.01, "%"), "0.0 %");
}

TEST(Frequencies, AreInMHzOrGHz) {
    EXPECT_EQ(human_value(800, "MHz"), "800 MHz");
    EXPECT_EQ(human_value(3400, "MHz"), "3.40 GHz");
}

TEST(Durations, UseTheTwoLargestUnits) {
    EXPECT_EQ(human_value(42.5, "s"), "42.5 s");
    EXPECT_EQ(human_value(200, "s"), "3 min 20 s");
    EXPECT_EQ(human_value(3 * 3600 + 25 * 60, "s"), "3 h 25 min");
    EXPECT_EQ(human_value(2 * 86400 + 5 * 3600, "s"), "2 d 5 h");
}

TEST(Counts, AreWholeOrHaveTwoDecimals) {
    EXPECT_EQ(human_value(2, ""), "2");
    EXPECT_EQ(human_value(0.49, ""), "0.49");
    EXPECT_EQ(human_value(1234567, ""), "1234567");
}

TEST(AMissingValue, IsNotApplicable) {
    EXPECT_EQ(human_value(NAN, "%"), "n/a");
    EXPECT_EQ(human_value(NAN, "B"), "n/a");
}

TEST(AnUnknownUnit, IsKept) {
    EXPECT_EQ(human_value(3.14159, "rpm"), "3.14 rpm");
}

TEST(AQuantity, KeepsNumberAndUnitApart) {
    const auto quantity = human_quantity(12.5 * 1024 * 1024, "B/s");
    EXPECT_EQ(quantity.number, "12.5");
    EXPECT_EQ(quantity.unit, "MiB/s");
}

TEST(RawNumbers, ReadBackAsTheSameDouble) {
    EXPECT_EQ(raw_number(25276502016), "25276502016");
    EXPECT_EQ(raw_number(0.49), "0.49");
    EXPECT_EQ(raw_number(1.3208025057765969), "1.3208025057765969");
    EXPECT_EQ(raw_number(0), "0");
    EXPECT_EQ(raw_number(NAN), "nan");
}

TEST(ATimeOfDay, HasHoursMinutesAndSeconds) {
    const auto text = time_of_day(1'700'000'000'123'456);
    ASSERT_EQ(text.size(), 8u) << text;
    EXPECT_EQ(text[2], ':');
    EXPECT_EQ(text[5], ':');
    EXPECT_EQ(text.substr(6), "20");  // whatever the time zone, the seconds are the same
}

}  // namespace
}  // namespace vitalsd
