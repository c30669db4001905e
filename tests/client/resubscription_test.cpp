// SPDX-License-Identifier: MIT
// When a client subscribes again: fed with what happened and the time, never with a bus.
#include "resubscription.hpp"

#include <gtest/gtest.h>

namespace vitalsd {
namespace {

using namespace std::chrono_literals;
using State = Resubscription::State;

constexpr const char* kCannotStart = "org.freedesktop.DBus.Error.Spawn.ChildExited";
constexpr const char* kInvalidArgument = "io.github.vitalsd.Error.InvalidArgument";

const Resubscription::Clock::time_point kStart{1000s};

bool subscribes_at(const Resubscription& resubscription, Resubscription::Clock::time_point when) {
    return resubscription.next(when).subscribe_now;
}

// A client subscribed with the instance :1.5.
Resubscription subscribed_with_first_instance() {
    Resubscription resubscription;
    resubscription.attempt_started();
    resubscription.owner_changed("", ":1.5");
    resubscription.subscribed(":1.5");
    return resubscription;
}

// A client subscribed with the instance, whose taking the name it has not seen.
Resubscription subscribed_with(const char* owner) {
    Resubscription resubscription;
    resubscription.attempt_started();
    resubscription.subscribed(owner);
    return resubscription;
}

// A client that the instance :1.5 refused, and that has seen :1.5 leave since.
Resubscription refused_by_an_instance_gone() {
    Resubscription resubscription;
    resubscription.attempt_started();
    resubscription.owner_changed("", ":1.5");
    resubscription.failed(kInvalidArgument, kStart);
    resubscription.owner_changed(":1.5", "");
    return resubscription;
}

// A client whose attempt to subscribe has just failed with the error.
Resubscription failed_with(const char* error_name) {
    Resubscription resubscription;
    resubscription.attempt_started();
    resubscription.failed(error_name, kStart);
    return resubscription;
}

TEST(ANewClient, SubscribesAtOnce) {
    const Resubscription resubscription;
    EXPECT_EQ(resubscription.state(), State::Due);
    EXPECT_TRUE(subscribes_at(resubscription, kStart));
}

TEST(AnAttemptUnderWay, IsAwaitedWhateverTheOwnerDoes) {
    Resubscription resubscription;
    resubscription.attempt_started();
    resubscription.owner_changed("", ":1.5");
    resubscription.owner_changed(":1.5", "");

    const auto advice = resubscription.next(kStart + 1h);
    EXPECT_FALSE(advice.subscribe_now);
    EXPECT_FALSE(advice.come_back_at);
}

TEST(ASubscribedClient, HasNothingToDoWhileItsInstanceRuns) {
    const auto resubscription = subscribed_with_first_instance();
    const auto advice = resubscription.next(kStart + 1h);
    EXPECT_FALSE(advice.subscribe_now);
    EXPECT_FALSE(advice.come_back_at);
}

TEST(ASubscribedClient, SubscribesAgainAtOnceWhenItsInstanceLeaves) {
    auto resubscription = subscribed_with_first_instance();
    resubscription.owner_changed(":1.5", "");
    EXPECT_EQ(resubscription.state(), State::Due);
    EXPECT_TRUE(subscribes_at(resubscription, kStart));
}

TEST(ASubscribedClient, SubscribesAgainAtOnceWhenItsInstanceHandsTheNameOver) {
    auto resubscription = subscribed_with_first_instance();
    resubscription.owner_changed(":1.5", ":1.9");
    EXPECT_TRUE(subscribes_at(resubscription, kStart));
}

TEST(ASubscribedClient, IgnoresNewsOfItsOwnInstanceTakingTheName) {
    auto resubscription = subscribed_with(":1.5");
    // The bus's signal that :1.5 took the name, read after Start's reply.
    resubscription.owner_changed("", ":1.5");
    EXPECT_EQ(resubscription.state(), State::Subscribed);
}

TEST(ASubscribedClient, IgnoresNewsOfAnEarlierInstanceLeaving) {
    auto resubscription = subscribed_with(":1.9");
    resubscription.owner_changed(":1.5", "");
    EXPECT_EQ(resubscription.state(), State::Subscribed);
}

TEST(AFailedAttempt, IsTriedAgainAfterASecond) {
    const auto resubscription = failed_with(kCannotStart);
    EXPECT_EQ(resubscription.state(), State::Retrying);

    const auto advice = resubscription.next(kStart + 999ms);
    EXPECT_FALSE(advice.subscribe_now);
    EXPECT_EQ(advice.come_back_at, kStart + 1s);
    EXPECT_TRUE(subscribes_at(resubscription, kStart + 1s));
}

TEST(FailedAttempts, WaitTwiceAsLongEachTimeUpToHalfAMinute) {
    Resubscription resubscription;
    auto now = kStart;
    std::vector<std::chrono::seconds> delays;
    for (int i = 0; i < 8; ++i) {
        resubscription.attempt_started();
        resubscription.failed(kCannotStart, now);
        delays.push_back(
            std::chrono::duration_cast<std::chrono::seconds>(resubscription.retry_delay()));
        now = *resubscription.next(now).come_back_at;
        ASSERT_TRUE(subscribes_at(resubscription, now));
    }
    EXPECT_EQ(delays, (std::vector<std::chrono::seconds>{1s, 2s, 4s, 8s, 16s, 30s, 30s, 30s}));
}

TEST(FailedAttempts, StartOverFromASecondOnceASubscriptionHolds) {
    Resubscription resubscription;
    for (int i = 0; i < 3; ++i) {
        resubscription.attempt_started();
        resubscription.failed(kCannotStart, kStart);
    }
    resubscription.attempt_started();
    resubscription.subscribed(":1.5");
    EXPECT_EQ(resubscription.retry_delay(), 0s);

    resubscription.owner_changed(":1.5", "");
    resubscription.attempt_started();
    resubscription.failed(kCannotStart, kStart);
    EXPECT_EQ(resubscription.retry_delay(), 1s);
}

TEST(AFailedAttempt, IsTriedAgainAtOnceWhenANewInstanceTakesTheName) {
    auto resubscription = failed_with(kCannotStart);
    resubscription.owner_changed("", ":1.7");
    EXPECT_TRUE(subscribes_at(resubscription, kStart));
}

TEST(AFailedAttempt, WaitsOutItsDelayWhenANewInstanceLeftBeforeTheClientLooked) {
    // An instance that crashes as it starts: both changes are read after the failure.
    auto resubscription = failed_with(kCannotStart);
    resubscription.owner_changed("", ":1.7");
    resubscription.owner_changed(":1.7", "");
    EXPECT_FALSE(subscribes_at(resubscription, kStart));
    EXPECT_TRUE(subscribes_at(resubscription, kStart + 1s));
}

TEST(AFailedSubscription, WaitsOutItsDelayWhenTheInstanceThatFailedLeaves) {
    auto resubscription = subscribed_with_first_instance();
    resubscription.failed("org.freedesktop.DBus.Error.NoReply", kStart);
    resubscription.owner_changed(":1.5", "");
    EXPECT_FALSE(subscribes_at(resubscription, kStart));
    EXPECT_TRUE(subscribes_at(resubscription, kStart + 1s));
}

TEST(ARefusal, IsNotTriedAgainAsTimePasses) {
    const auto resubscription = failed_with(kInvalidArgument);
    EXPECT_EQ(resubscription.state(), State::Refused);
    const auto advice = resubscription.next(kStart + 24h);
    EXPECT_FALSE(advice.subscribe_now);
    EXPECT_FALSE(advice.come_back_at);
}

TEST(ARefusal, IsNotTriedAgainWhenTheInstanceThatRefusedLeaves) {
    const auto resubscription = refused_by_an_instance_gone();
    EXPECT_FALSE(subscribes_at(resubscription, kStart + 1h));
}

TEST(ARefusal, IsTriedAgainAtOnceWhenANewInstanceTakesTheName) {
    auto resubscription = refused_by_an_instance_gone();
    resubscription.owner_changed("", ":1.8");
    EXPECT_TRUE(subscribes_at(resubscription, kStart));
}

}  // namespace
}  // namespace vitalsd
