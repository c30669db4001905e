// SPDX-License-Identifier: MIT
// The long run (./scripts/test --soak, not in the default run): clients come and go, subscribe,
// read and list for minutes; the service's resident memory and open files must not grow.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

TEST(Soak, KeepsMemoryAndOpenFilesFlatForMinutes) {
    const char* seconds_env = std::getenv("VITALSD_SOAK_SECONDS");
    const auto run = std::chrono::seconds(seconds_env != nullptr ? std::atoi(seconds_env) : 120);
    PrivateBus bus({"--idle-timeout=0"});
    const std::vector<std::vector<std::string>> sets = {
        {}, {"cpu/*/usage"}, {"memory/*/*"}, {"load/1", "cpu/all/iowait"}};
    std::mt19937 random(7);
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };

    std::vector<std::unique_ptr<VitalsClient>> clients;
    for (int i = 0; i < 16; ++i) {
        clients.push_back(std::make_unique<VitalsClient>(bus));
    }
    clients.front()->Version();
    const pid_t service = bus.service_pid();

    const auto start = std::chrono::steady_clock::now();
    const auto warm = start + run / 5;
    std::size_t rss_warm = 0;
    long fds_warm = 0;
    std::size_t rss_peak = 0;
    long fds_peak = 0;
    std::size_t rounds = 0;
    while (std::chrono::steady_clock::now() - start < run) {
        ++rounds;
        auto& client = clients[pick(clients.size())];
        switch (pick(6)) {
            case 0:
                client->Start(100 * static_cast<std::uint32_t>(1 + pick(5)),
                              sets[pick(sets.size())]);
                break;
            case 1:
                client->Stop();
                break;
            case 2:
                client->GetValues(sets[pick(sets.size())]);
                break;
            case 3:
                client->GetHistory({}, 0);
                break;
            case 4:
                client->ListProcesses();
                break;
            default:
                client = std::make_unique<VitalsClient>(bus);  // a client leaves, a new one comes
                break;
        }
        std::vector<VitalsClient*> all;
        for (auto& c : clients) {
            c->updates.clear();
            all.push_back(c.get());
        }
        pump_all(all, 50ms);
        if (std::chrono::steady_clock::now() >= warm) {
            const auto rss = resident_kib(service);
            const auto fds = fds_beyond_processes(service, *clients.front());
            if (rss_warm == 0) {
                rss_warm = rss;
                fds_warm = fds;
            }
            rss_peak = std::max(rss_peak, rss);
            fds_peak = std::max(fds_peak, fds);
        }
    }
    std::cout << "soak: " << run.count() << " s, " << rounds << " rounds; RSS after warm-up "
              << rss_warm << " KiB, peak " << rss_peak << " KiB; fds beyond processes " << fds_warm
              << ", peak " << fds_peak << "\n";
    EXPECT_EQ(bus.service_pid(), service);
    EXPECT_LE(fds_peak, fds_warm + 4);
    if (memory_is_measurable()) {
        EXPECT_LE(rss_peak, rss_warm + 1024);
    }
}

}  // namespace
}  // namespace vitalsd::test
