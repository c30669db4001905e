// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "clock.hpp"
#include "history_ring.hpp"
#include "sensor_catalog.hpp"
#include "subscriptions.hpp"
#include "throttle.hpp"

namespace vitalsd {

/// What a client may make the service hold or do; each is a command-line option.
struct Limits {
    std::uint32_t min_interval_ms = 100;
    std::uint32_t max_interval_ms = 3'600'000;
    std::size_t max_clients = 256;
    std::size_t max_sensor_names = 1024;         // names in one request
    std::size_t max_history_values = 1'000'000;  // timestamps × sensors in one GetHistory reply
    std::size_t max_pending_replies = 256;       // calls waiting for a probe window at once
};

struct TimedValues {
    std::uint64_t timestamp_usec = 0;  // CLOCK_REALTIME
    std::map<std::string, double> values;
};

struct HistorySeries {
    std::vector<std::uint64_t> timestamps_usec;
    std::map<std::string, std::vector<double>> series;
};

/// The service's behaviour apart from D-Bus: subscriptions, the sampling schedule, one-shot
/// reads and history. Single-threaded; the caller wakes it at next_tick_usec() and says when a
/// probe window has passed.
class Monitor {
public:
    /// How long a one-shot read of rate sensors measures when no recent reading can serve.
    static constexpr std::uint64_t kProbeWindowUsec = 250'000;

    /// How often, at most, a tick reads the collectors that may add sensors a subscriber's
    /// pattern matches while none of their sensors is subscribed, to find the devices that came.
    static constexpr std::uint64_t kRescanIntervalUsec = 1'000'000;

    /// A one-shot read waiting for its window: finish it with finish_read after kProbeWindowUsec.
    struct Probe {
        SensorSet sensors;
        Reading first;
    };

    /// One value of an update; id points into the catalogue.
    struct SensorValue {
        const std::string* id;
        double value;
    };

    /// Receives one client's update; the values are valid during the call only.
    using UpdateSink = std::function<void(const std::string& client, std::uint64_t timestamp_usec,
                                          std::span<const SensorValue> values)>;

    Monitor(SensorCatalog& catalog, const Clock& clock, Limits limits,
            std::size_t history_capacity);

    /// Subscribes the client, replacing any earlier subscription of its own. Throws
    /// RequestError; then nothing has changed.
    void subscribe(const std::string& client, std::uint32_t interval_ms,
                   const std::vector<std::string>& names);

    /// Ends the client's subscription, if it has one.
    void unsubscribe(const std::string& client);

    /// Reads the sensors now: the values when they are ready, or a probe when rates need a
    /// window. Throws RequestError.
    std::variant<TimedValues, Probe> begin_read(const std::vector<std::string>& names);

    /// Returns the values of a probe whose window has passed.
    TimedValues finish_read(Probe& probe);

    /// Reads the collectors that may add sensors the names match, so that the patterns, given
    /// next, match what came since the last read (an application started a moment ago).
    void look_for_new_sensors(const std::vector<std::string>& names);

    /// Returns the recorded samples newer than since_usec. Throws RequestError.
    HistorySeries history(const std::vector<std::string>& names, std::uint64_t since_usec) const;

    /// Reads every collector, so that devices that came or went are seen, and returns the
    /// sensors available now.
    std::vector<SensorInfo> list_sensors();

    /// Returns the sensors that came and went since the last call.
    SensorChanges take_sensor_changes() { return std::exchange(changes_, {}); }

    const Limits& limits() const { return limits_; }
    bool sampling() const { return subscriptions_.size() > 0; }
    std::uint32_t interval_ms() const { return subscriptions_.min_interval_ms(); }
    std::uint32_t clients() const { return static_cast<std::uint32_t>(subscriptions_.size()); }
    /// Returns how many sensors there now are that some client is subscribed to, each counted
    /// once however many want it; follows the devices that come and go.
    std::size_t subscribed_sensor_count() const { return subscribed_sensors_; }

    /// Returns when tick() is next needed (CLOCK_MONOTONIC), none while nobody is subscribed.
    std::optional<std::uint64_t> next_tick_usec() const { return subscriptions_.next_due_usec(); }

    /// Samples for the clients that are due and hands each one's update to send; at most once
    /// every kRescanIntervalUsec, reads as well the collectors that may add sensors some client's
    /// names match, so that the devices that came since are announced and sent. Allocates nothing
    /// once the buffers have grown to the subscriptions' size, unless devices came or went.
    void tick(const UpdateSink& send);

private:
    SensorSet resolve(const std::vector<std::string>& names) const;
    /// Like resolve, but reads the collectors that may have added a sensor an unknown id names
    /// before refusing it.
    SensorSet resolve_current(const std::vector<std::string>& names);
    void check_interval(std::uint32_t interval_ms) const;
    void check_room_for(const std::string& client) const;
    void take_reading(CollectorSet collectors, Reading& reading);
    void follow_sensor_changes(std::size_t changes_before);
    void count_subscribed_sensors();
    // The steps of a tick.
    CollectorSet collectors_for_due();
    CollectorSet collectors_to_rescan(CollectorSet read_anyway);
    /// Derives the subscription's values since its baseline into values_, notes each sensor's
    /// first value of this tick for the history, and moves the baseline on.
    void update(Subscription& subscription);
    void record_history();
    const Reading* recent_baseline(const SensorSet& sensors, std::uint64_t now_usec) const;
    TimedValues values_between(const SensorSet& sensors, const Reading& base,
                               const Reading& current) const;

    SensorCatalog& catalog_;
    const Clock& clock_;
    Limits limits_;
    Subscriptions subscriptions_;
    HistoryRing history_;
    Reading latest_;         // the newest tick's reading
    Reading previous_;       // the one before, for one-shot reads when the newest is too fresh
    SensorChanges changes_;  // not yet announced
    Throttle rescans_;
    std::size_t subscribed_sensors_ = 0;  // counted again when subscriptions or sensors change
    // Reused by every tick.
    std::vector<std::pair<const std::string*, Subscription*>> due_;
    std::vector<SensorValue> values_;
    std::vector<HistoryRing::Value> recorded_;
    std::vector<std::uint64_t> recorded_in_tick_;  // per sensor, the last tick that recorded it
    std::uint64_t ticks_ = 0;
};

}  // namespace vitalsd
