// SPDX-License-Identifier: MIT
// The idle exit never loses a call: callers fire together at moments swept across the idle
// deadline, round after round, so that calls land before it, while the service is releasing its
// name, and after it has gone. Every one must be answered, by the old instance or a fresh one.
#include <gtest/gtest.h>

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

TEST(CallsRacingTheIdleDeadline, AreAllAnsweredOverManyExitsAndActivations) {
    PrivateBus bus({"--idle-timeout=1"});
    constexpr int kCallers = 8;
    constexpr int kCallsEach = 10;
    constexpr int kFirstOffsetMs = -24;
    constexpr int kLastOffsetMs = 24;
    constexpr int kStepMs = 2;

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
    std::cout << "rounds: " << rounds << ", calls made: " << made << ", lost: " << lost
              << ", instances: " << instances << ", idle exits: " << exits << "\n";
    EXPECT_EQ(lost, 0) << last_error;
    EXPECT_EQ(made, rounds * kCallers * kCallsEach);
    EXPECT_GE(exits, static_cast<std::size_t>(20));
    // Calls fired after the deadline found the name gone and started another instance.
    EXPECT_GT(instances, static_cast<std::size_t>(rounds)) << log;
}

}  // namespace
}  // namespace vitalsd::test
