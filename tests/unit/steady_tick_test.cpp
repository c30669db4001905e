// SPDX-License-Identifier: MIT
// A steady sampling tick allocates nothing: every buffer on the path is reused. This binary
// replaces the global operator new to count allocations (allocation_count.cpp), so it has a test
// executable of its own.
#include <gtest/gtest.h>

#include <filesystem>

#include "allocation_count.hpp"
#include "collectors/all_collectors.hpp"
#include "fake_clock.hpp"
#include "fixture_path.hpp"
#include "sampling/monitor.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

struct Subscription {
    const char* client;
    std::uint32_t interval_ms;
    std::vector<std::string> names;
};

struct SteadyTicks {
    std::size_t allocations;  // in the last ten seconds
    std::size_t values_sent;  // in the last ten seconds
};

// Runs every collector over the tree below root for twenty seconds of ticks, a tenth of a second
// apart, for the subscriptions: ten to grow every buffer and fill the history ring and wrap it,
// ten to count.
SteadyTicks run_steady_ticks(const std::string& root,
                             const std::vector<Subscription>& subscriptions) {
    test::FakeClock clock;
    auto collectors = make_all_collectors(root + "/proc", root + "/sys", clock);
    SensorCatalog catalog(std::move(collectors));
    constexpr std::size_t kHistory = 5;
    Monitor monitor(catalog, clock, Limits{}, kHistory);
    for (const auto& subscription : subscriptions) {
        monitor.subscribe(subscription.client, subscription.interval_ms, subscription.names);
    }

    std::size_t values_sent = 0;
    auto run_ticks = [&](int ticks) {
        for (int i = 0; i < ticks; ++i) {
            clock.advance_ms(100);
            monitor.tick([&](const std::string&, std::uint64_t,
                             std::span<const Monitor::SensorValue> values) {
                values_sent += values.size();
            });
        }
    };
    run_ticks(100);

    const std::size_t before = test::allocations_so_far();
    values_sent = 0;
    run_ticks(100);
    return {test::allocations_so_far() - before, values_sent};
}

TEST(ASteadyTick, AllocatesNothing) {
    // Every collector over a copy of a captured machine: network, disks and all.
    test::TempDir root;
    const auto vm = test::fixture_path("vm");
    std::filesystem::copy(vm, root.path(), std::filesystem::copy_options::recursive);
    // The third subscribes every sensor, those to come too: the collectors of hwmon chips and
    // batteries, which this machine has none of, are read once a second to look for them.
    const auto ticks = run_steady_ticks(
        root.path(), {{":1.1", 100, {"cpu/*/usage", "load/1", "network/*/download"}},
                      {":1.2", 300, {"memory/physical/*", "disk/*/*", "system/*"}},
                      {":1.3", 1000, {}}});
    EXPECT_EQ(ticks.allocations, 0u);
    EXPECT_GT(ticks.values_sent, 0u);
}

TEST(ASteadyTick, OfTheApplicationsAllocatesNothing) {
    // The cgroup hierarchy is listed again once a second; while no cgroup comes or goes, neither
    // that nor reading the groups' files allocates.
    for (const char* fixture :
         {"cgroups-gnome", "cgroups-docker", "cgroups-hybrid", "cgroups-v1"}) {
        SCOPED_TRACE(fixture);
        const auto ticks = run_steady_ticks(
            test::fixture_path(fixture),
            {{":1.1", 100, {"app/*/cpu", "app/system/processes"}}, {":1.2", 1000, {"app/*/*"}}});
        EXPECT_EQ(ticks.allocations, 0u);
        EXPECT_GT(ticks.values_sent, 0u);
    }
}

}  // namespace
}  // namespace vitalsd
