// SPDX-License-Identifier: MIT
// Hundreds of clients at the minimum interval, each with its own sensors: every one gets its own
// updates at its own rate, the service's memory stays bounded, and one client too many is told.
#include <gtest/gtest.h>

#include <set>

#include "fixture_path.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

const std::vector<std::vector<std::string>> kSensorSets = {
    {"cpu/all/usage"},
    {"memory/*/used"},
    {"load/*"},
    {"cpu/*/user", "load/1"},
    {"memory/physical/total", "cpu/all/count"},
};

std::set<std::string> keys_of(const std::map<std::string, double>& values) {
    std::set<std::string> keys;
    for (const auto& [id, value] : values) {
        keys.insert(id);
    }
    return keys;
}

TEST(HundredsOfClients, EachGetTheirOwnUpdatesAtTheirOwnRate) {
    constexpr int kClients = 200;
    constexpr auto kRun = 3s;
    const auto proc = fixture_path("basic/proc");
    PrivateBus bus({"--max-clients=" + std::to_string(kClients), "--proc-root=" + proc});

    std::vector<std::unique_ptr<VitalsClient>> clients;
    std::vector<VitalsClient*> all;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<VitalsClient>(bus));
        all.push_back(clients.back().get());
    }
    clients.front()->Version();
    const pid_t service = bus.service_pid();
    const auto rss_before = resident_kib(service);

    // Intervals 100, 200 and 300 ms in turn; sensor sets in turn.
    auto interval_of = [](int i) { return static_cast<std::uint32_t>(100 * (1 + i % 3)); };
    std::vector<std::chrono::steady_clock::time_point> started(kClients);
    for (int i = 0; i < kClients; ++i) {
        clients[i]->Start(interval_of(i), kSensorSets[i % kSensorSets.size()]);
        started[i] = std::chrono::steady_clock::now();
    }
    VitalsClient one_too_many(bus);
    EXPECT_EQ(error_of([&] { one_too_many.Start(100, {}); }),
              "io.github.vitalsd.Error.LimitExceeded");
    EXPECT_EQ(clients.front()->Clients(), static_cast<std::uint32_t>(kClients));

    pump_all(all, kRun);
    const auto ended = std::chrono::steady_clock::now();
    const auto rss_after = resident_kib(service);

    std::size_t delivered = 0;
    std::size_t expected = 0;
    std::size_t starved = 0;
    for (int i = 0; i < kClients; ++i) {
        const auto& updates = clients[i]->updates;
        const auto subscribed =
            std::chrono::duration_cast<std::chrono::milliseconds>(ended - started[i]);
        const std::size_t due = static_cast<std::size_t>(subscribed.count()) / interval_of(i);
        delivered += updates.size();
        expected += due;
        EXPECT_LE(updates.size(), due + 1) << "client " << i << " got more than its rate";
        starved += updates.size() < due / 2 ? 1 : 0;
        for (const auto& update : updates) {
            const auto& wanted = kSensorSets[i % kSensorSets.size()];
            ASSERT_FALSE(update.values.empty());
            if (wanted.size() == 1 && wanted[0].find('*') == std::string::npos) {
                EXPECT_EQ(keys_of(update.values), std::set<std::string>{wanted[0]});
            }
        }
    }
    std::cout << "clients: " << kClients << ", updates delivered: " << delivered
              << ", expected: " << expected << ", service RSS: " << rss_before << " -> "
              << rss_after << " KiB\n";
    EXPECT_EQ(starved, 0u) << "clients that got less than half their updates";
    EXPECT_GE(delivered, expected * 8 / 10);
    if (memory_is_measurable()) {
        EXPECT_LT(rss_after, rss_before + 16 * 1024) << "memory must stay bounded";
    }

    for (auto& client : clients) {
        client->Stop();
    }
    EXPECT_EQ(one_too_many.Clients(), 0u);
}

}  // namespace
}  // namespace vitalsd::test
