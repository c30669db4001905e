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

TEST(ASteadyTick, AllocatesNothing) {
    // Every collector over a copy of a captured machine: network, disks and all.
    test::TempDir root;
    const auto vm = test::fixture_path("vm");
    std::filesystem::copy(vm, root.path(), std::filesystem::copy_options::recursive);
    test::FakeClock clock;
    auto collectors = make_all_collectors(root.path() + "/proc", root.path() + "/sys", clock);
    SensorCatalog catalog(std::move(collectors));
    constexpr std::size_t kHistory = 5;
    Monitor monitor(catalog, clock, Limits{}, kHistory);
    monitor.subscribe(":1.1", 100, {"cpu/*/usage", "load/1", "network/*/download"});
    monitor.subscribe(":1.2", 300, {"memory/physical/*", "disk/*/*", "system/*"});
    // Every sensor, those to come too: the collectors of hwmon chips and batteries, which this
    // machine has none of, are read once a second to look for them.
    monitor.subscribe(":1.3", 1000, {});

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
    run_ticks(100);  // ten seconds: every buffer grown, the history ring full and wrapped

    const std::size_t before = test::allocations_so_far();
    values_sent = 0;
    run_ticks(100);
    const std::size_t during = test::allocations_so_far() - before;

    EXPECT_EQ(during, 0u);
    EXPECT_GT(values_sent, 0u);
}

}  // namespace
}  // namespace vitalsd
