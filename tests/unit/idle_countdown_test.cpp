// SPDX-License-Identifier: MIT
#include "idle_countdown.hpp"

#include <gtest/gtest.h>

#include "fake_clock.hpp"

namespace vitalsd {
namespace {

using test::FakeClock;

TEST(AnIdleCountdown, IsDueAWholeTimeoutAfterItsLastRestart) {
    FakeClock clock;
    IdleCountdown countdown(clock, 2);
    EXPECT_EQ(countdown.restart(false), FakeClock::kStartMonotonicUsec + 2'000'000u);

    clock.advance_ms(1200);
    countdown.restart(false);  // a call
    clock.advance_ms(1200);    // past the first call's deadline, not the second's
    EXPECT_FALSE(countdown.due());

    clock.advance_ms(799);
    EXPECT_FALSE(countdown.due());
    clock.advance_ms(1);
    EXPECT_TRUE(countdown.due());
}

TEST(AnIdleCountdown, StopsWhileTheServiceIsBusy) {
    FakeClock clock;
    IdleCountdown countdown(clock, 1);
    countdown.restart(false);
    EXPECT_EQ(countdown.restart(true), std::nullopt);

    clock.advance_ms(3'600'000);
    EXPECT_FALSE(countdown.due());
    EXPECT_EQ(countdown.deadline_usec(), std::nullopt);

    countdown.restart(false);  // the last client left
    clock.advance_ms(1000);
    EXPECT_TRUE(countdown.due());
}

TEST(AnIdleCountdownOfZero, NeverRuns) {
    FakeClock clock;
    IdleCountdown countdown(clock, 0);
    EXPECT_EQ(countdown.restart(false), std::nullopt);

    clock.advance_ms(3'600'000);
    EXPECT_FALSE(countdown.due());
}

TEST(AnIdleCountdown, IsNotDueBeforeItsFirstStart) {
    FakeClock clock;
    const IdleCountdown countdown(clock, 1);
    clock.advance_ms(3'600'000);
    EXPECT_FALSE(countdown.due());
}

}  // namespace
}  // namespace vitalsd
