// SPDX-License-Identifier: MIT
#include "throttle.hpp"

#include <gtest/gtest.h>

#include "fake_clock.hpp"

namespace vitalsd {
namespace {

class AThrottle : public ::testing::Test {
protected:
    test::FakeClock clock;
    Throttle throttle{clock, 1'000'000};
};

TEST_F(AThrottle, PassesTheFirstCallAtOnce) {
    EXPECT_TRUE(throttle.pass());
}

TEST_F(AThrottle, HoldsTheCallsWithinTheInterval) {
    ASSERT_TRUE(throttle.pass());
    clock.advance_ms(500);
    EXPECT_FALSE(throttle.pass());
    clock.advance_ms(440);
    EXPECT_FALSE(throttle.pass());
}

TEST_F(AThrottle, PassesATickThatComesALittleBeforeTheIntervalIsOver) {
    ASSERT_TRUE(throttle.pass());
    clock.advance_ms(999);  // a one-second timer whose previous tick read the clock late
    EXPECT_TRUE(throttle.pass());
    clock.advance_ms(950);
    EXPECT_TRUE(throttle.pass());
}

TEST_F(AThrottle, CountsTheIntervalFromTheLastPassNotFromTheFirst) {
    ASSERT_TRUE(throttle.pass());
    clock.advance_ms(1000);
    ASSERT_TRUE(throttle.pass());
    clock.advance_ms(900);
    EXPECT_FALSE(throttle.pass());
}

}  // namespace
}  // namespace vitalsd
