// SPDX-License-Identifier: MIT
// The service leaves when idle, stays while needed, and never loses a call on the way out.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <thread>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++count;
    }
    return count;
}

TEST(AnIdleService, ExitsAfterItsTimeout) {
    PrivateBus bus({"--idle-timeout=1"});
    VitalsClient client(bus);
    client.Version();
    ASSERT_TRUE(bus.service_running());

    EXPECT_TRUE(bus.wait_until_service_gone(3s));
    EXPECT_NE(bus.log().find("exiting: idle for 1 s"), std::string::npos) << bus.log();
}

TEST(AnIdleService, IsStartedAgainByTheNextCall) {
    PrivateBus bus({"--idle-timeout=1"});
    VitalsClient client(bus);
    client.Version();
    const pid_t first = bus.service_pid();
    ASSERT_TRUE(bus.wait_until_service_gone(3s));

    EXPECT_EQ(client.Clients(), 0u);
    EXPECT_NE(bus.service_pid(), first);
}

TEST(AServiceWithASubscriber, StaysPastItsIdleTimeout) {
    PrivateBus bus({"--idle-timeout=1"});
    VitalsClient client(bus);
    client.Start(500, {"load/1"});

    client.pump(2500ms);
    EXPECT_TRUE(bus.service_running());
    EXPECT_GE(client.updates.size(), 3u);

    client.Stop();
    EXPECT_TRUE(bus.wait_until_service_gone(3s));
}

TEST(AServiceWithIdleTimeoutZero, NeverExitsByItself) {
    PrivateBus bus({"--idle-timeout=0"});
    VitalsClient client(bus);
    client.Version();

    std::this_thread::sleep_for(1500ms);
    EXPECT_TRUE(bus.service_running());
}

TEST(TheShutdownMethod, RepliesThenExitsAndTheNextCallStartsAFreshInstance) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Version();
    const pid_t first = bus.service_pid();

    EXPECT_EQ(error_of([&] { client.Shutdown(); }), "");
    EXPECT_TRUE(bus.wait_until_service_gone(2s));
    EXPECT_NE(bus.log().find("exiting: Shutdown called"), std::string::npos) << bus.log();

    EXPECT_EQ(client.Version(), "0.1.0");
    EXPECT_NE(bus.service_pid(), first);
}

TEST(SigTerm, TakesTheSameCleanPathAsTheIdleExit) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Start(100, {"load/1"});
    ::kill(bus.service_pid(), SIGTERM);

    EXPECT_TRUE(bus.wait_until_service_gone(2s));
    EXPECT_NE(bus.log().find("exiting: signal SIGTERM"), std::string::npos) << bus.log();
    EXPECT_NE(bus.log().find("vitalsd: stopped\n"), std::string::npos) << bus.log();
}

// Round after round, callers fire together at a moment swept across the idle deadline, from
// 21 ms before it to 21 ms after: some calls land before it, some while the service is releasing
// its name, some once it has gone. Every one must be answered, by the old instance or a new one.
TEST(CallsRacingTheIdleDeadline, AreAllAnswered) {
    PrivateBus bus({"--idle-timeout=1"});
    constexpr int kCallers = 4;
    constexpr int kCallsEach = 5;
    constexpr int kFirstOffsetMs = -21;
    constexpr int kLastOffsetMs = 21;
    constexpr int kStepMs = 3;

    VitalsClient pacer(bus);
    std::vector<std::unique_ptr<VitalsClient>> callers;
    for (int c = 0; c < kCallers; ++c) {
        callers.push_back(std::make_unique<VitalsClient>(bus));
    }
    std::atomic<int> made{0};
    std::atomic<int> lost{0};
    std::string last_error;
    int rounds = 0;
    for (int offset = kFirstOffsetMs; offset <= kLastOffsetMs; offset += kStepMs, ++rounds) {
        pacer.Version();  // the idle deadline is now 1 s away
        const auto fire_at =
            std::chrono::steady_clock::now() + 1s + std::chrono::milliseconds(offset);
        std::vector<std::thread> threads;
        for (auto& caller : callers) {
            threads.emplace_back([&, client = caller.get()] {
                std::this_thread::sleep_until(fire_at);
                for (int i = 0; i < kCallsEach; ++i) {
                    ++made;
                    const auto error = error_of([&] { client->GetValues({"load/1"}); });
                    if (!error.empty()) {
                        ++lost;
                        last_error = error;
                    }
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        bus.wait_until_service_gone(3s);  // the next round starts from a fresh instance
    }

    const auto log = bus.log();
    const auto instances = count_of(log, "serving io.github.vitalsd.Vitals1");
    const auto exits = count_of(log, "exiting: idle");
    std::cout << "calls made: " << made << ", lost: " << lost << ", instances: " << instances
              << ", idle exits: " << exits << "\n";
    EXPECT_EQ(lost, 0) << last_error;
    EXPECT_EQ(made, rounds * kCallers * kCallsEach);
    EXPECT_GE(exits, static_cast<std::size_t>(rounds));
    // Calls fired after the deadline found the name gone and started another instance.
    EXPECT_GT(instances, static_cast<std::size_t>(rounds)) << log;
}

}  // namespace
}  // namespace vitalsd::test
