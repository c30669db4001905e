// SPDX-License-Identifier: MIT
#include "sampling/monitor.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <optional>
#include <set>

#include "collectors/cpu.hpp"
#include "collectors/load.hpp"
#include "collectors/memory.hpp"
#include "fake_clock.hpp"
#include "hotplug_collector.hpp"
#include "request_error.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::FakeClock;
using test::TempDir;
using Kind = RequestError::Kind;

constexpr std::size_t kHistory = 600;
constexpr std::uint64_t kMs = 1000;  // microseconds

// Returns the kind of RequestError that fn throws, none when it throws nothing.
template <typename Fn>
std::optional<Kind> error_of(Fn&& fn) {
    try {
        fn();
    } catch (const RequestError& e) {
        return e.kind();
    }
    return std::nullopt;
}

std::set<std::string> ids_of(const TimedValues& values) {
    std::set<std::string> out;
    for (const auto& [id, value] : values.values) {
        out.insert(id);
    }
    return out;
}

// One client's update from a tick, copied out of the sink.
struct Update {
    std::string client;
    TimedValues values;
};

// Runs a tick and returns the updates it sent, in the order sent.
std::vector<Update> tick(Monitor& monitor) {
    std::vector<Update> updates;
    monitor.tick([&](const std::string& client, std::uint64_t timestamp_usec,
                     std::span<const Monitor::SensorValue> values) {
        Update update{client, {timestamp_usec, {}}};
        for (const auto& value : values) {
            update.values.values.emplace(*value.id, value.value);
        }
        updates.push_back(std::move(update));
    });
    return updates;
}

// Returns the update for the client, or nullptr when the tick did not serve it.
const Update* update_for(const std::vector<Update>& updates, const std::string& client) {
    for (const auto& update : updates) {
        if (update.client == client) {
            return &update;
        }
    }
    return nullptr;
}

std::vector<std::string> clients_of(const std::vector<Update>& updates) {
    std::vector<std::string> out;
    for (const auto& update : updates) {
        out.push_back(update.client);
    }
    return out;
}

// A monitor over a hand-written proc tree with cpu, memory and load collectors, and a clock that
// moves only when the test says. The tests rewrite the files between ticks to set what the
// "kernel" counted in each window.
class AMonitor : public ::testing::Test {
protected:
    // Sets /proc/stat so that all CPUs (and the only one, cpu0) have spent this much time in
    // user code and idle: the usage share over a window is 100 * Δuser / (Δuser + Δidle).
    void set_stat(unsigned long long user, unsigned long long idle) {
        const auto times =
            " " + std::to_string(user) + " 0 0 " + std::to_string(idle) + " 0 0 0 0 0 0\n";
        dir.write("stat", "cpu " + times + "cpu0" + times + "intr 0\nctxt 0\n");
    }

    void set_load(double one) {
        dir.write("loadavg", std::to_string(one) + " 0.40 0.30 1/100 1000\n");
    }

    std::unique_ptr<SensorCatalog> make_catalog() {
        set_stat(1000, 1000);
        dir.write("meminfo",
                  "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 400 kB\n"
                  "SwapTotal: 0 kB\nSwapFree: 0 kB\n");
        set_load(0.5);
        std::vector<std::unique_ptr<Collector>> collectors;
        collectors.push_back(std::make_unique<CpuCollector>(dir.path()));
        collectors.push_back(std::make_unique<MemoryCollector>(dir.path()));
        collectors.push_back(std::make_unique<LoadCollector>(dir.path()));
        return std::make_unique<SensorCatalog>(std::move(collectors));
    }

    static Limits limits_with(void (*change)(Limits&)) {
        Limits limits;
        change(limits);
        return limits;
    }

    TempDir dir;
    FakeClock clock;
    std::unique_ptr<SensorCatalog> catalog = make_catalog();
    Monitor monitor{*catalog, clock, Limits{}, kHistory};
    const std::uint64_t t0 = clock.monotonic_usec();
};

// --- Subscribe ---------------------------------------------------------------------------------

TEST_F(AMonitor, StartsWithoutClientsAndWithoutSampling) {
    EXPECT_FALSE(monitor.sampling());
    EXPECT_EQ(monitor.clients(), 0u);
    EXPECT_EQ(monitor.interval_ms(), 0u);
    EXPECT_FALSE(monitor.next_tick_usec().has_value());
    EXPECT_TRUE(tick(monitor).empty());
}

TEST_F(AMonitor, ReportsTheSamplingIntervalAndClientsOfItsSubscriptions) {
    monitor.subscribe(":1.1", 500, {"load/1"});
    monitor.subscribe(":1.2", 200, {"load/1"});
    EXPECT_TRUE(monitor.sampling());
    EXPECT_EQ(monitor.clients(), 2u);
    EXPECT_EQ(monitor.interval_ms(), 200u);
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 200 * kMs);
}

TEST_F(AMonitor, RefusesAnIntervalBelowTheMinimum) {
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 99, {"load/1"}); }), Kind::InvalidArgument);
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 0, {"load/1"}); }), Kind::InvalidArgument);
    EXPECT_EQ(monitor.clients(), 0u);
    EXPECT_FALSE(monitor.next_tick_usec().has_value());
}

TEST_F(AMonitor, RefusesAnIntervalAboveTheMaximum) {
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 3'600'001, {"load/1"}); }),
              Kind::InvalidArgument);
    EXPECT_EQ(monitor.clients(), 0u);
}

TEST_F(AMonitor, AcceptsTheIntervalsAtTheLimits) {
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 100, {"load/1"}); }), std::nullopt);
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.2", 3'600'000, {"load/1"}); }), std::nullopt);
    EXPECT_EQ(monitor.clients(), 2u);
}

TEST_F(AMonitor, FollowsTheConfiguredIntervalLimits) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) {
        l.min_interval_ms = 1000;
        l.max_interval_ms = 2000;
    }),
                    kHistory);
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.1", 999, {}); }), Kind::InvalidArgument);
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.1", 2001, {}); }), Kind::InvalidArgument);
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.1", 1500, {}); }), std::nullopt);
}

TEST_F(AMonitor, RefusesUnknownAndMalformedSensorNames) {
    EXPECT_EQ(error_of([&] {
                  monitor.subscribe(":1.1", 100, {"load/1", "gpu/0/usage"});
              }),
              Kind::UnknownSensor);
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 100, {"load//1"}); }),
              Kind::InvalidArgument);
    EXPECT_EQ(monitor.clients(), 0u);
}

TEST_F(AMonitor, LeavesAnExistingSubscriptionAsItWasWhenAReSubscribeFails) {
    monitor.subscribe(":1.1", 200, {"load/1"});
    clock.advance_ms(50);
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 50, {"cpu/all/usage"}); }),
              Kind::InvalidArgument);
    EXPECT_EQ(error_of([&] {
                  monitor.subscribe(":1.1", 100, {"cpu/all/usage", "nope/x"});
              }),
              Kind::UnknownSensor);
    EXPECT_EQ(error_of([&] { monitor.subscribe(":1.1", 100, {"cpu//usage"}); }),
              Kind::InvalidArgument);

    EXPECT_EQ(monitor.clients(), 1u);
    EXPECT_EQ(monitor.interval_ms(), 200u);
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 200 * kMs);
    clock.advance_ms(150);
    const auto updates = tick(monitor);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(ids_of(updates[0].values), std::set<std::string>{"load/1"});
}

TEST_F(AMonitor, RefusesANewClientBeyondMaxClients) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) { l.max_clients = 2; }), kHistory);
    limited.subscribe(":1.1", 100, {"load/1"});
    limited.subscribe(":1.2", 100, {"load/1"});
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.3", 100, {"load/1"}); }), Kind::LimitExceeded);
    EXPECT_EQ(limited.clients(), 2u);
}

TEST_F(AMonitor, LetsAKnownClientReSubscribeAtMaxClients) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) { l.max_clients = 2; }), kHistory);
    limited.subscribe(":1.1", 100, {"load/1"});
    limited.subscribe(":1.2", 100, {"load/1"});
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.1", 500, {"load/5"}); }), std::nullopt);
    EXPECT_EQ(limited.clients(), 2u);
    limited.unsubscribe(":1.2");
    EXPECT_EQ(limited.interval_ms(), 500u);
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.3", 100, {"load/1"}); }), std::nullopt);
}

TEST_F(AMonitor, RefusesMoreSensorNamesThanMaxSensorNames) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) { l.max_sensor_names = 2; }),
                    kHistory);
    const std::vector<std::string> three = {"load/1", "load/5", "load/15"};
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.1", 100, three); }), Kind::LimitExceeded);
    EXPECT_EQ(error_of([&] { limited.begin_read(three); }), Kind::LimitExceeded);
    EXPECT_EQ(error_of([&] { limited.history(three, 0); }), Kind::LimitExceeded);
    EXPECT_EQ(limited.clients(), 0u);
}

TEST_F(AMonitor, CountsTheNamesAskedForNotTheSensorsTheyMatch) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) { l.max_sensor_names = 2; }),
                    kHistory);
    EXPECT_EQ(error_of([&] {
                  limited.subscribe(":1.1", 100, {"cpu/*/usage", "load/*"});
              }),
              std::nullopt);
    EXPECT_EQ(error_of([&] { limited.subscribe(":1.2", 100, {}); }), std::nullopt);
}

TEST_F(AMonitor, KeepsAnExistingSubscriptionWhenAReSubscribeAsksTooMuch) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) { l.max_sensor_names = 2; }),
                    kHistory);
    limited.subscribe(":1.1", 200, {"load/1"});
    EXPECT_EQ(error_of([&] {
                  limited.subscribe(":1.1", 100, {"load/1", "load/5", "load/15"});
              }),
              Kind::LimitExceeded);
    EXPECT_EQ(limited.interval_ms(), 200u);
    clock.advance_ms(200);
    const auto updates = tick(limited);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(ids_of(updates[0].values), std::set<std::string>{"load/1"});
}

// --- Tick --------------------------------------------------------------------------------------

TEST_F(AMonitor, ServesNobodyBeforeTheFirstDeadline) {
    monitor.subscribe(":1.1", 100, {"load/1"});
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 100 * kMs);
    clock.advance_ms(50);
    EXPECT_TRUE(tick(monitor).empty());
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 100 * kMs);
}

TEST_F(AMonitor, ServesOnlyTheDueClientsEachWithItsOwnSensors) {
    monitor.subscribe("a", 100, {"load/1"});
    monitor.subscribe("b", 300, {"memory/physical/total", "memory/physical/used"});

    clock.advance_ms(100);
    auto updates = tick(monitor);
    EXPECT_EQ(clients_of(updates), std::vector<std::string>{"a"});
    ASSERT_NE(update_for(updates, "a"), nullptr);
    EXPECT_EQ(ids_of(update_for(updates, "a")->values), std::set<std::string>{"load/1"});
    EXPECT_EQ(update_for(updates, "a")->values.values.at("load/1"), 0.5);

    clock.advance_ms(100);
    EXPECT_EQ(clients_of(tick(monitor)), std::vector<std::string>{"a"});

    clock.advance_ms(100);
    updates = tick(monitor);
    ASSERT_EQ(updates.size(), 2u);
    const auto* b = update_for(updates, "b");
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(ids_of(b->values),
              (std::set<std::string>{"memory/physical/total", "memory/physical/used"}));
    EXPECT_EQ(b->values.values.at("memory/physical/total"), 1000.0 * 1024);
    EXPECT_EQ(b->values.values.at("memory/physical/used"), 600.0 * 1024);
    EXPECT_EQ(ids_of(update_for(updates, "a")->values), std::set<std::string>{"load/1"});
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 400 * kMs);
}

TEST_F(AMonitor, ServesClientsOfOneIntervalInOneTickWhenEverTheySubscribed) {
    monitor.subscribe("a", 100, {"load/1"});
    clock.advance_ms(30);
    monitor.subscribe("b", 100, {"load/1"});

    clock.advance_ms(70);  // a's first tick, 70 ms after b subscribed
    EXPECT_EQ(clients_of(tick(monitor)), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 200 * kMs);
    clock.advance_ms(100);
    EXPECT_EQ(clients_of(tick(monitor)), (std::vector<std::string>{"a", "b"}));
}

TEST_F(AMonitor, MeasuresEachClientsSharesOverItsOwnInterval) {
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    monitor.subscribe("b", 300, {"cpu/all/usage", "cpu/cpu0/usage"});

    set_stat(1010, 1010);  // 100 ms: 10 user, 10 idle
    clock.advance_ms(100);
    auto updates = tick(monitor);
    ASSERT_EQ(clients_of(updates), std::vector<std::string>{"a"});
    EXPECT_DOUBLE_EQ(updates[0].values.values.at("cpu/all/usage"), 50.0);

    set_stat(1010, 1030);  // 200 ms: 20 idle
    clock.advance_ms(100);
    updates = tick(monitor);
    ASSERT_EQ(clients_of(updates), std::vector<std::string>{"a"});
    EXPECT_DOUBLE_EQ(updates[0].values.values.at("cpu/all/usage"), 0.0);

    set_stat(1040, 1040);  // 300 ms: 30 user, 10 idle
    clock.advance_ms(100);
    updates = tick(monitor);
    ASSERT_EQ(updates.size(), 2u);
    // a: the last 100 ms, 30 of 40; b: all 300 ms, 40 of 80.
    EXPECT_DOUBLE_EQ(update_for(updates, "a")->values.values.at("cpu/all/usage"), 75.0);
    EXPECT_DOUBLE_EQ(update_for(updates, "b")->values.values.at("cpu/all/usage"), 50.0);
    EXPECT_DOUBLE_EQ(update_for(updates, "b")->values.values.at("cpu/cpu0/usage"), 50.0);

    set_stat(1040, 1060);  // 400 ms: 20 idle
    clock.advance_ms(100);
    updates = tick(monitor);
    ASSERT_EQ(clients_of(updates), std::vector<std::string>{"a"});
    EXPECT_DOUBLE_EQ(updates[0].values.values.at("cpu/all/usage"), 0.0);

    set_stat(1100, 1060);  // 500 ms, 600 ms: 60 user
    clock.advance_ms(200);
    updates = tick(monitor);
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_DOUBLE_EQ(update_for(updates, "a")->values.values.at("cpu/all/usage"), 100.0);
    // b: 300..600 ms, 60 of 80.
    EXPECT_DOUBLE_EQ(update_for(updates, "b")->values.values.at("cpu/all/usage"), 75.0);
}

TEST_F(AMonitor, MeasuresAReSubscribedClientFromItsNewSubscription) {
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    set_stat(1100, 1000);
    clock.advance_ms(50);
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    set_stat(1110, 1030);
    clock.advance_ms(100);
    const auto updates = tick(monitor);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_DOUBLE_EQ(updates[0].values.values.at("cpu/all/usage"), 25.0);
}

TEST_F(AMonitor, StampsAnUpdateWithTheRealtimeOfItsReading) {
    monitor.subscribe("a", 100, {"load/1"});
    clock.advance_ms(100);
    clock.set_realtime_usec(1'800'000'000'000'000);
    const auto updates = tick(monitor);
    ASSERT_EQ(updates.size(), 1u);
    EXPECT_EQ(updates[0].values.timestamp_usec, 1'800'000'000'000'000u);
}

TEST_F(AMonitor, LeavesValuesTheKernelDidNotGiveOutOfAnUpdate) {
    monitor.subscribe("a", 100, {"memory/physical/*"});
    dir.write("meminfo", "MemTotal: 1000 kB\nMemFree: 100 kB\n");
    clock.advance_ms(100);
    const auto updates = tick(monitor);
    ASSERT_EQ(updates.size(), 1u);
    const auto ids = ids_of(updates[0].values);
    EXPECT_TRUE(ids.contains("memory/physical/total"));
    EXPECT_FALSE(ids.contains("memory/physical/used"));
    EXPECT_FALSE(ids.contains("memory/physical/available"));
}

TEST_F(AMonitor, StopsUpdatingAClientThatUnsubscribed) {
    monitor.subscribe("a", 100, {"load/1"});
    monitor.subscribe("b", 100, {"load/1"});
    monitor.unsubscribe("a");
    monitor.unsubscribe("a");  // a second time: nothing more to end
    EXPECT_EQ(monitor.clients(), 1u);
    clock.advance_ms(100);
    EXPECT_EQ(clients_of(tick(monitor)), std::vector<std::string>{"b"});
}

TEST_F(AMonitor, StopsSamplingWhenTheLastClientUnsubscribes) {
    monitor.subscribe("a", 100, {"load/1"});
    monitor.unsubscribe("a");
    EXPECT_FALSE(monitor.sampling());
    EXPECT_FALSE(monitor.next_tick_usec().has_value());
    clock.advance_ms(100);
    EXPECT_TRUE(tick(monitor).empty());
}

TEST_F(AMonitor, ServesALateTickOnceAndPlansTheNextFromNow) {
    monitor.subscribe("a", 100, {"load/1"});
    clock.advance_ms(350);
    EXPECT_EQ(tick(monitor).size(), 1u);
    EXPECT_EQ(monitor.next_tick_usec(), t0 + 450 * kMs);
    EXPECT_TRUE(tick(monitor).empty());
}

// --- One-shot reads ----------------------------------------------------------------------------

TEST_F(AMonitor, ReadsGaugesAtOnce) {
    auto result = monitor.begin_read({"memory/physical/total", "load/1", "cpu/all/count"});
    const auto* values = std::get_if<TimedValues>(&result);
    ASSERT_NE(values, nullptr) << "gauges need no probe";
    EXPECT_EQ(values->timestamp_usec, clock.realtime_usec());
    EXPECT_EQ(values->values.at("memory/physical/total"), 1000.0 * 1024);
    EXPECT_EQ(values->values.at("load/1"), 0.5);
    EXPECT_EQ(values->values.at("cpu/all/count"), 1.0);
    EXPECT_EQ(values->values.size(), 3u);
}

TEST_F(AMonitor, RefusesToReadAnUnknownSensor) {
    EXPECT_EQ(error_of([&] { monitor.begin_read({"load/2"}); }), Kind::UnknownSensor);
}

TEST_F(AMonitor, ProbesAShareWhenNoTickIsRecent) {
    auto result = monitor.begin_read({"cpu/all/usage"});
    auto* probe = std::get_if<Monitor::Probe>(&result);
    ASSERT_NE(probe, nullptr);

    set_stat(1030, 1010);  // over the probe window: 30 user, 10 idle
    clock.advance_ms(Monitor::kProbeWindowUsec / kMs);
    const auto values = monitor.finish_read(*probe);
    EXPECT_EQ(values.timestamp_usec, clock.realtime_usec());
    EXPECT_DOUBLE_EQ(values.values.at("cpu/all/usage"), 75.0);
}

TEST_F(AMonitor, GivesTheGaugesAskedWithASharePerProbe) {
    auto result = monitor.begin_read({"cpu/all/usage", "load/1"});
    auto* probe = std::get_if<Monitor::Probe>(&result);
    ASSERT_NE(probe, nullptr);
    set_load(2.0);
    clock.advance_ms(250);
    const auto values = monitor.finish_read(*probe);
    EXPECT_EQ(values.values.at("load/1"), 2.0);
    EXPECT_EQ(values.values.at("cpu/all/usage"), 0.0);
}

TEST_F(AMonitor, TakesARecentTickAsTheBaselineOfAShare) {
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    set_stat(1100, 1100);
    clock.advance_ms(100);
    tick(monitor);

    set_stat(1110, 1130);  // since the tick: 10 user, 30 idle
    clock.advance_ms(150);
    auto result = monitor.begin_read({"cpu/all/usage"});
    const auto* values = std::get_if<TimedValues>(&result);
    ASSERT_NE(values, nullptr) << "a tick 150 ms old should serve as the baseline";
    EXPECT_DOUBLE_EQ(values->values.at("cpu/all/usage"), 25.0);
    EXPECT_EQ(values->timestamp_usec, clock.realtime_usec());
}

TEST_F(AMonitor, TakesATickExactlyTwoSecondsOld) {
    monitor.subscribe("a", 1000, {"cpu/all/usage"});
    clock.advance_ms(1000);
    tick(monitor);
    monitor.unsubscribe("a");
    clock.advance_ms(2000);
    auto result = monitor.begin_read({"cpu/all/usage"});
    EXPECT_TRUE(std::holds_alternative<TimedValues>(result));
}

TEST_F(AMonitor, ProbesWhenTheLastTickIsOlderThanTwoSeconds) {
    monitor.subscribe("a", 1000, {"cpu/all/usage"});
    clock.advance_ms(1000);
    tick(monitor);
    monitor.unsubscribe("a");
    clock.advance_ms(2001);
    auto result = monitor.begin_read({"cpu/all/usage"});
    EXPECT_TRUE(std::holds_alternative<Monitor::Probe>(result));
}

TEST_F(AMonitor, ProbesWhenTheOnlyTickIsTooFreshForASteadyShare) {
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    clock.advance_ms(100);
    tick(monitor);
    clock.advance_ms(99);
    auto result = monitor.begin_read({"cpu/all/usage"});
    EXPECT_TRUE(std::holds_alternative<Monitor::Probe>(result));
}

TEST_F(AMonitor, TakesTheTickBeforeWhenTheLastIsTooFresh) {
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    set_stat(1100, 1100);
    clock.advance_ms(100);
    tick(monitor);
    set_stat(1200, 1100);
    clock.advance_ms(100);
    tick(monitor);

    set_stat(1200, 1200);  // since the tick before: 100 user, 100 idle; since the last: 100 idle
    clock.advance_ms(50);
    auto result = monitor.begin_read({"cpu/all/usage"});
    const auto* values = std::get_if<TimedValues>(&result);
    ASSERT_NE(values, nullptr) << "the tick 150 ms old should serve";
    EXPECT_DOUBLE_EQ(values->values.at("cpu/all/usage"), 50.0);
}

TEST_F(AMonitor, ProbesWhenTheRecentTickDidNotReadThoseSensors) {
    monitor.subscribe("a", 100, {"load/1"});
    clock.advance_ms(100);
    tick(monitor);
    clock.advance_ms(200);
    auto result = monitor.begin_read({"cpu/all/usage"});
    EXPECT_TRUE(std::holds_alternative<Monitor::Probe>(result));
}

// --- History -----------------------------------------------------------------------------------

class AMonitorWithThreeSecondsOfHistory : public AMonitor {
protected:
    // Ticks a client of load/1 once a second, at loads 1, 2 and 3; remembers the realtimes.
    void record_three_seconds(Monitor& target) {
        target.subscribe("a", 1000, {"load/1"});
        for (int i = 1; i <= 3; ++i) {
            set_load(i);
            clock.advance_ms(1000);
            ASSERT_EQ(tick(target).size(), 1u);
            realtimes.push_back(clock.realtime_usec());
        }
    }

    std::vector<std::uint64_t> realtimes;
};

TEST_F(AMonitorWithThreeSecondsOfHistory, ReturnsTheRecordedSamples) {
    record_three_seconds(monitor);
    const auto history = monitor.history({"load/1"}, 0);
    EXPECT_EQ(history.timestamps_usec, realtimes);
    ASSERT_EQ(history.series.size(), 1u);
    EXPECT_EQ(history.series.at("load/1"), (std::vector<double>{1.0, 2.0, 3.0}));
}

TEST_F(AMonitorWithThreeSecondsOfHistory, ReturnsOnlyTheSamplesNewerThanSince) {
    record_three_seconds(monitor);
    const auto history = monitor.history({"load/1"}, realtimes[1]);
    EXPECT_EQ(history.timestamps_usec, std::vector<std::uint64_t>{realtimes[2]});
    EXPECT_EQ(history.series.at("load/1"), std::vector<double>{3.0});
}

TEST_F(AMonitorWithThreeSecondsOfHistory, GivesNaNForASensorNobodySampled) {
    record_three_seconds(monitor);
    const auto history = monitor.history({"load/5"}, 0);
    ASSERT_EQ(history.series.at("load/5").size(), 3u);
    for (const double value : history.series.at("load/5")) {
        EXPECT_TRUE(std::isnan(value));
    }
}

TEST_F(AMonitorWithThreeSecondsOfHistory, GivesEverySensorForNoNames) {
    record_three_seconds(monitor);
    EXPECT_EQ(monitor.history({}, 0).series.size(), monitor.list_sensors().size());
}

TEST_F(AMonitorWithThreeSecondsOfHistory, RefusesAnUnknownSensor) {
    record_three_seconds(monitor);
    EXPECT_EQ(error_of([&] { monitor.history({"load/2"}, 0); }), Kind::UnknownSensor);
}

TEST_F(AMonitorWithThreeSecondsOfHistory, RefusesMoreTimestampsTimesSensorsThanTheMaximum) {
    Monitor limited(*catalog, clock, limits_with([](Limits& l) { l.max_history_values = 6; }),
                    kHistory);
    record_three_seconds(limited);
    EXPECT_EQ(error_of([&] { limited.history({"load/1", "load/5"}, 0); }), std::nullopt);   // 6
    EXPECT_EQ(error_of([&] { limited.history({"load/*"}, 0); }), Kind::LimitExceeded);      // 9
    EXPECT_EQ(error_of([&] { limited.history({"load/*"}, realtimes[0]); }), std::nullopt);  // 6
}

TEST_F(AMonitor, KeepsOneHistoryEntryASecondWithItsFirstValues) {
    monitor.subscribe("a", 100, {"cpu/all/usage"});
    set_stat(1010, 1030);  // 25 %
    clock.advance_ms(100);
    tick(monitor);
    const auto first_realtime = clock.realtime_usec();
    set_stat(1050, 1030);  // 100 %
    clock.advance_ms(100);
    tick(monitor);
    const auto history = monitor.history({"cpu/all/usage"}, 0);
    EXPECT_EQ(history.timestamps_usec, std::vector<std::uint64_t>{first_realtime});
    EXPECT_EQ(history.series.at("cpu/all/usage"), std::vector<double>{25.0});
}

TEST_F(AMonitor, KeepsNoHistoryWithoutTicks) {
    EXPECT_TRUE(monitor.history({"load/1"}, 0).timestamps_usec.empty());
    monitor.begin_read({"load/1"});
    EXPECT_TRUE(monitor.history({"load/1"}, 0).timestamps_usec.empty());
}

// --- Rates -------------------------------------------------------------------------------------

// One rate sensor, net/packets, whose counter the test sets.
class SettableCounter final : public Collector {
public:
    explicit SettableCounter(std::shared_ptr<double> counter) : counter_(std::move(counter)) {}

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }

    bool read(std::vector<RawSample>& out) override {
        out.assign(1, {*counter_});
        return false;
    }

private:
    std::shared_ptr<double> counter_;
    std::vector<SensorInfo> sensors_{
        {"net/packets", "/s", "Packets", "Packets per second", SensorKind::Rate}};
};

class AMonitorOfARate : public ::testing::Test {
protected:
    static std::unique_ptr<SensorCatalog> make_catalog(std::shared_ptr<double> counter) {
        std::vector<std::unique_ptr<Collector>> collectors;
        collectors.push_back(std::make_unique<SettableCounter>(std::move(counter)));
        return std::make_unique<SensorCatalog>(std::move(collectors));
    }

    std::shared_ptr<double> packets = std::make_shared<double>(0.0);
    FakeClock clock;
    std::unique_ptr<SensorCatalog> catalog = make_catalog(packets);
    Monitor monitor{*catalog, clock, Limits{}, kHistory};
};

TEST_F(AMonitorOfARate, DividesByEachClientsOwnInterval) {
    monitor.subscribe("a", 100, {"net/packets"});
    monitor.subscribe("b", 300, {"net/packets"});

    *packets = 100;
    clock.advance_ms(100);
    auto updates = tick(monitor);
    ASSERT_EQ(clients_of(updates), std::vector<std::string>{"a"});
    EXPECT_DOUBLE_EQ(updates[0].values.values.at("net/packets"), 1000.0);

    clock.advance_ms(100);
    updates = tick(monitor);
    ASSERT_EQ(clients_of(updates), std::vector<std::string>{"a"});
    EXPECT_DOUBLE_EQ(updates[0].values.values.at("net/packets"), 0.0);

    *packets = 400;
    clock.advance_ms(100);
    updates = tick(monitor);
    ASSERT_EQ(updates.size(), 2u);
    EXPECT_DOUBLE_EQ(update_for(updates, "a")->values.values.at("net/packets"), 3000.0);
    EXPECT_DOUBLE_EQ(update_for(updates, "b")->values.values.at("net/packets"), 400.0 / 0.3);
}

TEST_F(AMonitorOfARate, DividesAProbeByItsWindow) {
    auto result = monitor.begin_read({"net/packets"});
    auto* probe = std::get_if<Monitor::Probe>(&result);
    ASSERT_NE(probe, nullptr);
    *packets = 50;
    clock.advance_ms(250);
    EXPECT_DOUBLE_EQ(monitor.finish_read(*probe).values.at("net/packets"), 200.0);
}

TEST_F(AMonitorOfARate, DividesARecentTickBaselineByItsAge) {
    monitor.subscribe("a", 100, {"net/packets"});
    *packets = 100;
    clock.advance_ms(100);
    tick(monitor);
    monitor.unsubscribe("a");
    *packets = 160;
    clock.advance_ms(400);
    auto result = monitor.begin_read({"net/packets"});
    const auto* values = std::get_if<TimedValues>(&result);
    ASSERT_NE(values, nullptr);
    EXPECT_DOUBLE_EQ(values->values.at("net/packets"), 150.0);
}

// --- Devices that come and go ------------------------------------------------------------------

class AMonitorOfDevicesThatComeAndGo : public ::testing::Test {
protected:
    explicit AMonitorOfDevicesThatComeAndGo(std::vector<std::string> plugged = {"eth0", "wlan0"}) {
        auto hotplug = std::make_unique<test::Hotplug>(std::move(plugged));
        devices = hotplug.get();
        std::vector<std::unique_ptr<Collector>> collectors;
        collectors.push_back(std::move(hotplug));
        catalog = std::make_unique<SensorCatalog>(std::move(collectors));
        monitor = std::make_unique<Monitor>(*catalog, clock, Limits{}, kHistory);
    }

    // Advances to the clients' next deadline and returns the update of client "a".
    std::set<std::string> next_update_ids() {
        clock.advance_ms(100);
        const auto updates = tick(*monitor);
        const auto* update = update_for(updates, "a");
        return update ? ids_of(update->values) : std::set<std::string>{};
    }

    FakeClock clock;
    test::Hotplug* devices = nullptr;
    std::unique_ptr<SensorCatalog> catalog;
    std::unique_ptr<Monitor> monitor;
};

TEST_F(AMonitorOfDevicesThatComeAndGo, GivesAPatternSubscriberTheNewDevice) {
    monitor->subscribe("a", 100, {"dev/*/value"});
    devices->plug({"eth0", "wlan0", "usb0"});

    next_update_ids();  // the tick that finds usb0
    EXPECT_EQ(next_update_ids(),
              (std::set<std::string>{"dev/eth0/value", "dev/wlan0/value", "dev/usb0/value"}));
    const auto changes = monitor->take_sensor_changes();
    EXPECT_EQ(changes.added, std::vector<std::string>{"dev/usb0/value"});
    EXPECT_TRUE(monitor->take_sensor_changes().empty()) << "each change is announced once";
}

TEST_F(AMonitorOfDevicesThatComeAndGo, StopsGivingAGoneSensorAndResumesWhenItComesBack) {
    monitor->subscribe("a", 100, {"dev/eth0/value", "dev/wlan0/value"});
    devices->plug({"wlan0"});

    EXPECT_EQ(next_update_ids(), std::set<std::string>{"dev/wlan0/value"});
    EXPECT_EQ(monitor->take_sensor_changes().removed, std::vector<std::string>{"dev/eth0/value"});

    devices->plug({"wlan0", "eth0"});
    EXPECT_EQ(next_update_ids(), (std::set<std::string>{"dev/eth0/value", "dev/wlan0/value"}));
}

TEST_F(AMonitorOfDevicesThatComeAndGo, CountsTheSubscribedSensorsOnceAndFollowsTheDevices) {
    monitor->subscribe("a", 100, {"dev/*/value"});
    monitor->subscribe("b", 100, {"dev/eth0/value"});
    EXPECT_EQ(monitor->subscribed_sensor_count(), 2u) << "eth0 is counted once";

    devices->plug({"eth0", "wlan0", "usb0"});
    next_update_ids();  // the tick that finds usb0
    EXPECT_EQ(monitor->subscribed_sensor_count(), 3u);

    devices->plug({"usb0"});
    next_update_ids();
    EXPECT_EQ(monitor->subscribed_sensor_count(), 1u);

    monitor->unsubscribe("a");
    EXPECT_EQ(monitor->subscribed_sensor_count(), 0u) << "b's eth0 is gone";
}

TEST_F(AMonitorOfDevicesThatComeAndGo, ListsOnlyTheSensorsThereNow) {
    devices->plug({"usb0"});

    const auto sensors = monitor->list_sensors();
    ASSERT_EQ(sensors.size(), 1u);
    EXPECT_EQ(sensors.front().id, "dev/usb0/value");
    EXPECT_EQ(monitor->take_sensor_changes().removed.size(), 2u);
}

// No device is there when the client subscribes.
class AMonitorOfDevicesNotThereYet : public AMonitorOfDevicesThatComeAndGo {
protected:
    AMonitorOfDevicesNotThereYet() : AMonitorOfDevicesThatComeAndGo({}) {}
};

TEST_F(AMonitorOfDevicesNotThereYet, GivesAPatternSubscriberADeviceThatComesLater) {
    monitor->subscribe("a", 100, {"dev/*/value"});
    EXPECT_EQ(next_update_ids(), std::set<std::string>{});
    devices->plug({"usb0"});

    clock.advance_ms(900);  // to the next look for devices, a second after the last
    EXPECT_EQ(next_update_ids(), std::set<std::string>{"dev/usb0/value"});
    EXPECT_EQ(monitor->take_sensor_changes().added, std::vector<std::string>{"dev/usb0/value"});
}

TEST_F(AMonitorOfDevicesNotThereYet, GivesThemToASubscriberOfEverySensor) {
    monitor->subscribe("a", 1000, {});
    devices->plug({"usb0"});
    clock.advance_ms(900);
    EXPECT_EQ(next_update_ids(), std::set<std::string>{"dev/usb0/value"});
}

TEST_F(AMonitorOfDevicesNotThereYet, LooksForThemAtMostOnceASecond) {
    monitor->subscribe("a", 100, {"dev/*/value"});
    const int before = devices->reads;
    for (int tick = 1; tick <= 10; ++tick) {
        next_update_ids();
    }
    EXPECT_EQ(devices->reads, before + 1) << "at the first tick only";
    next_update_ids();
    EXPECT_EQ(devices->reads, before + 2) << "a second after the first look";
}

TEST_F(AMonitorOfDevicesNotThereYet, DoesNotLookForThemForPatternsTheirSensorsCannotMatch) {
    monitor->subscribe("a", 100, {"dev/*/other", "dev/*", "net/*/value"});
    const int before = devices->reads;
    for (int tick = 1; tick <= 30; ++tick) {
        next_update_ids();
    }
    EXPECT_EQ(devices->reads, before);
}

}  // namespace
}  // namespace vitalsd
