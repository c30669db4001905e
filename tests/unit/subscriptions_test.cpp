// SPDX-License-Identifier: MIT
#include "sampling/subscriptions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vitalsd {
namespace {

using Due = std::vector<std::pair<const std::string*, Subscription*>>;

// Returns the clients due at now, as Subscriptions::take_due fills them in.
Due take_due(Subscriptions& subscriptions, std::uint64_t now_usec) {
    Due due;
    subscriptions.take_due(now_usec, due);
    return due;
}

constexpr std::uint64_t kMs = 1000;  // microseconds

Subscription every(std::uint32_t interval_ms, std::uint64_t due_usec) {
    Subscription subscription;
    subscription.interval_ms = interval_ms;
    subscription.due_usec = due_usec;
    return subscription;
}

std::vector<std::string> names_of(
    const std::vector<std::pair<const std::string*, Subscription*>>& due) {
    std::vector<std::string> out;
    for (const auto& [client, subscription] : due) {
        out.push_back(*client);
    }
    return out;
}

TEST(NoSubscriptions, HaveNoClientsNoIntervalAndNoDeadline) {
    Subscriptions subscriptions;
    EXPECT_EQ(subscriptions.size(), 0u);
    EXPECT_EQ(subscriptions.min_interval_ms(), 0u);
    EXPECT_FALSE(subscriptions.next_due_usec().has_value());
    EXPECT_TRUE(take_due(subscriptions, 1'000'000 * kMs).empty());
}

TEST(Subscriptions, AddANewClient) {
    Subscriptions subscriptions;
    subscriptions.put(":1.1", every(100, 0));
    subscriptions.put(":1.2", every(100, 0));
    EXPECT_EQ(subscriptions.size(), 2u);
    EXPECT_TRUE(subscriptions.contains(":1.1"));
    EXPECT_TRUE(subscriptions.contains(":1.2"));
}

TEST(Subscriptions, ReplaceTheSubscriptionOfAKnownClient) {
    Subscriptions subscriptions;
    subscriptions.put(":1.1", every(100, 100 * kMs));
    subscriptions.put(":1.1", every(500, 500 * kMs));
    EXPECT_EQ(subscriptions.size(), 1u);
    EXPECT_EQ(subscriptions.min_interval_ms(), 500u);
    EXPECT_EQ(subscriptions.next_due_usec(), 500 * kMs);
}

TEST(Subscriptions, RemoveTheClientAndIgnoreAnUnknownOne) {
    Subscriptions subscriptions;
    subscriptions.put(":1.1", every(100, 0));
    subscriptions.remove(":1.2");
    EXPECT_TRUE(subscriptions.contains(":1.1"));
    subscriptions.remove(":1.1");
    EXPECT_FALSE(subscriptions.contains(":1.1"));
    subscriptions.remove(":1.1");
    EXPECT_EQ(subscriptions.size(), 0u);
}

TEST(Subscriptions, GiveTheSmallestIntervalAskedFor) {
    Subscriptions subscriptions;
    subscriptions.put("b", every(300, 0));
    subscriptions.put("a", every(1000, 0));
    subscriptions.put("c", every(200, 0));
    EXPECT_EQ(subscriptions.min_interval_ms(), 200u);
    subscriptions.remove("c");
    EXPECT_EQ(subscriptions.min_interval_ms(), 300u);
}

TEST(Subscriptions, GiveTheEarliestDeadline) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 700 * kMs));
    subscriptions.put("b", every(100, 300 * kMs));
    subscriptions.put("c", every(100, 500 * kMs));
    EXPECT_EQ(subscriptions.next_due_usec(), 300 * kMs);
    subscriptions.remove("b");
    EXPECT_EQ(subscriptions.next_due_usec(), 500 * kMs);
}

TEST(Subscriptions, TakeNobodyBeforeTheFirstDeadline) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    EXPECT_TRUE(take_due(subscriptions, 50 * kMs).empty());
    EXPECT_EQ(subscriptions.next_due_usec(), 100 * kMs);
}

TEST(Subscriptions, TakeOnlyTheDueClients) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    subscriptions.put("b", every(300, 300 * kMs));
    subscriptions.put("c", every(100, 100 * kMs));
    const auto due = take_due(subscriptions, 100 * kMs);
    EXPECT_EQ(names_of(due), (std::vector<std::string>{"a", "c"}));
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].second->interval_ms, 100u);
}

TEST(Subscriptions, TakeAClientDueWithinTheTolerance) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    const auto now = 100 * kMs - Subscriptions::kToleranceUsec;
    EXPECT_EQ(names_of(take_due(subscriptions, now)), std::vector<std::string>{"a"});
}

TEST(Subscriptions, DoNotTakeAClientDueJustBeyondTheTolerance) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    const auto now = 100 * kMs - Subscriptions::kToleranceUsec - 1;
    EXPECT_TRUE(take_due(subscriptions, now).empty());
    EXPECT_EQ(subscriptions.next_due_usec(), 100 * kMs);
}

TEST(Subscriptions, MoveEachTakenDeadlineOnByItsOwnInterval) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 300 * kMs));
    subscriptions.put("b", every(250, 300 * kMs));
    const auto due = take_due(subscriptions, 300 * kMs);
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].second->due_usec, 400 * kMs);
    EXPECT_EQ(due[1].second->due_usec, 550 * kMs);
    EXPECT_EQ(subscriptions.next_due_usec(), 400 * kMs);
}

TEST(Subscriptions, MoveAnEarlyTakenDeadlineFromTheDeadlineNotFromNow) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    take_due(subscriptions, 99 * kMs);
    EXPECT_EQ(subscriptions.next_due_usec(), 200 * kMs);
}

TEST(Subscriptions, MoveADeadlineOneIntervalPastNowWhenItFellBehind) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    const auto due = take_due(subscriptions, 350 * kMs);
    EXPECT_EQ(names_of(due), std::vector<std::string>{"a"});
    EXPECT_EQ(subscriptions.next_due_usec(), 450 * kMs);
}

TEST(Subscriptions, MoveADeadlinePastNowWhenOneIntervalOnWouldBeNow) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    take_due(subscriptions, 200 * kMs);
    EXPECT_EQ(subscriptions.next_due_usec(), 300 * kMs);
    EXPECT_TRUE(take_due(subscriptions, 200 * kMs).empty());
}

TEST(Subscriptions, LeaveTheDeadlinesOfClientsNotTakenAlone) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    subscriptions.put("b", every(300, 300 * kMs));
    take_due(subscriptions, 100 * kMs);
    take_due(subscriptions, 200 * kMs);
    const auto due = take_due(subscriptions, 300 * kMs);
    EXPECT_EQ(names_of(due), (std::vector<std::string>{"a", "b"}));
}

TEST(Subscriptions, StartANewClientOneIntervalOnWhenNoScheduleFitsIt) {
    Subscriptions subscriptions;
    EXPECT_EQ(subscriptions.first_due_usec("a", 230 * kMs, 100), 330 * kMs);
    subscriptions.put("b", every(300, 400 * kMs));  // 300 ms does not divide 500 ms
    EXPECT_EQ(subscriptions.first_due_usec("a", 230 * kMs, 500), 730 * kMs);
}

TEST(Subscriptions, FitANewClientIntoTheTicksOfAClientOfItsInterval) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 300 * kMs));
    // Subscribed at 230 ms, due at a's tick nearest to 330 ms: 300 ms, still 70 ms on.
    EXPECT_EQ(subscriptions.first_due_usec("b", 230 * kMs, 100), 300 * kMs);
    // Subscribed at 270 ms: 400 ms, not 300 ms, which is nearer to 370 ms.
    EXPECT_EQ(subscriptions.first_due_usec("b", 270 * kMs, 100), 400 * kMs);
}

TEST(Subscriptions, FitANewClientIntoTheTicksOfTheLargestIntervalThatDividesItsOwn) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 150 * kMs));
    subscriptions.put("b", every(500, 400 * kMs));
    // 1000 ms from 0 would be due at 1000 ms; on b's ticks (400, 900, 1400 ms): 900 ms.
    EXPECT_EQ(subscriptions.first_due_usec("c", 0, 1000), 900 * kMs);
}

TEST(Subscriptions, StartAClientThatSubscribesAgainAfreshNotOnItsOldTicks) {
    Subscriptions subscriptions;
    subscriptions.put("a", every(100, 100 * kMs));
    EXPECT_EQ(subscriptions.first_due_usec("a", 50 * kMs, 100), 150 * kMs);
}

}  // namespace
}  // namespace vitalsd
