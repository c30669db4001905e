// SPDX-License-Identifier: MIT
#include "monitor.hpp"

#include <algorithm>

#include "baseline_age.hpp"
#include "derive.hpp"
#include "request_error.hpp"

namespace vitalsd {
namespace {

double seconds_between(std::uint64_t from_usec, std::uint64_t to_usec) {
    return static_cast<double>(to_usec - from_usec) / 1e6;
}

}  // namespace

Monitor::Monitor(SensorCatalog& catalog, const Clock& clock, Limits limits,
                 std::size_t history_capacity)
    : catalog_(catalog),
      clock_(clock),
      limits_(limits),
      history_(history_capacity),
      rescans_(clock, kRescanIntervalUsec) {}

SensorSet Monitor::resolve(const std::vector<std::string>& names) const {
    if (names.size() > limits_.max_sensor_names) {
        throw RequestError(RequestError::Kind::LimitExceeded,
                           std::to_string(names.size()) + " sensor names; at most " +
                               std::to_string(limits_.max_sensor_names) + " in one request");
    }
    return catalog_.resolve(names);
}

SensorSet Monitor::resolve_current(const std::vector<std::string>& names) {
    try {
        return resolve(names);
    } catch (const RequestError& e) {
        if (e.kind() != RequestError::Kind::UnknownSensor) {
            throw;
        }
    }
    // An id may name a sensor that came since its collector was last read: a device plugged in,
    // an application started. A collector finds its new sensors when it is read.
    Reading reading;
    take_reading(catalog_.collectors_that_may_add_ids(names), reading);
    return resolve(names);
}

void Monitor::take_reading(CollectorSet collectors, Reading& reading) {
    const auto changes_before = changes_.added.size() + changes_.removed.size();
    catalog_.read(collectors, reading, changes_);
    reading.monotonic_usec = clock_.monotonic_usec();
    reading.realtime_usec = clock_.realtime_usec();
    follow_sensor_changes(changes_before);
}

void Monitor::follow_sensor_changes(std::size_t changes_before) {
    if (changes_.added.size() + changes_.removed.size() == changes_before) {
        return;
    }
    // Patterns now match other sensors. A sensor that went keeps its place (its id may come
    // back) but has no value, so its subscriber simply stops getting it.
    subscriptions_.for_each([&](const std::string&, Subscription& subscription) {
        auto sensors = catalog_.resolve_again(subscription.names);
        std::vector<RawSample> baseline;
        baseline.reserve(sensors.size());
        for (const auto sensor : sensors) {
            const auto old =
                std::lower_bound(subscription.sensors.begin(), subscription.sensors.end(), sensor);
            const bool kept = old != subscription.sensors.end() && *old == sensor;
            baseline.push_back(
                kept ? subscription
                           .baseline[static_cast<std::size_t>(old - subscription.sensors.begin())]
                     : RawSample{});
        }
        subscription.sensors = std::move(sensors);
        subscription.baseline = std::move(baseline);
    });
    count_subscribed_sensors();
}

void Monitor::count_subscribed_sensors() {
    std::vector<bool> counted(catalog_.size(), false);
    subscribed_sensors_ = 0;
    subscriptions_.for_each([&](const std::string&, const Subscription& subscription) {
        for (const auto sensor : subscription.sensors) {
            if (catalog_.available(sensor) && !counted[sensor]) {
                counted[sensor] = true;
                ++subscribed_sensors_;
            }
        }
    });
}

std::vector<SensorInfo> Monitor::list_sensors() {
    Reading reading;
    take_reading(catalog_.all_collectors(), reading);
    std::vector<SensorInfo> sensors;
    for (const auto sensor : catalog_.available_sensors()) {
        sensors.push_back(catalog_.info(sensor));
    }
    return sensors;
}

void Monitor::check_interval(std::uint32_t interval_ms) const {
    if (interval_ms < limits_.min_interval_ms || interval_ms > limits_.max_interval_ms) {
        throw RequestError(RequestError::Kind::InvalidArgument,
                           "interval " + std::to_string(interval_ms) + " ms is outside [" +
                               std::to_string(limits_.min_interval_ms) + ", " +
                               std::to_string(limits_.max_interval_ms) + "]");
    }
}

void Monitor::check_room_for(const std::string& client) const {
    if (!subscriptions_.contains(client) && subscriptions_.size() >= limits_.max_clients) {
        throw RequestError(RequestError::Kind::LimitExceeded,
                           "already " + std::to_string(subscriptions_.size()) +
                               " clients, the most this service takes");
    }
}

void Monitor::subscribe(const std::string& client, std::uint32_t interval_ms,
                        const std::vector<std::string>& names) {
    check_interval(interval_ms);
    auto sensors = resolve_current(names);
    check_room_for(client);
    // The first update's rates are measured from this reading, over about the client's own
    // interval: its deadlines fall in with the schedule of a client it can share wake-ups with.
    Reading first;
    take_reading(catalog_.collectors_of(sensors), first);
    Subscription subscription;
    subscription.interval_ms = interval_ms;
    subscription.names = names;
    subscription.due_usec =
        subscriptions_.first_due_usec(client, first.monotonic_usec, interval_ms);
    subscription.baseline_usec = first.monotonic_usec;
    subscription.baseline.reserve(sensors.size());
    for (const auto sensor : sensors) {
        subscription.baseline.push_back(first.at(sensor));
    }
    subscription.sensors = std::move(sensors);
    subscription.may_add = catalog_.collectors_that_may_add(names);
    subscriptions_.put(client, std::move(subscription));
    count_subscribed_sensors();
}

void Monitor::unsubscribe(const std::string& client) {
    subscriptions_.remove(client);
    count_subscribed_sensors();
}

void Monitor::tick(const UpdateSink& send) {
    subscriptions_.take_due(clock_.monotonic_usec(), due_);
    if (due_.empty()) {
        return;
    }
    std::swap(previous_, latest_);
    take_reading(collectors_for_due(), latest_);
    ++ticks_;
    recorded_.clear();
    recorded_in_tick_.resize(catalog_.size(), 0);  // grows only with the catalogue
    for (const auto& [client, subscription] : due_) {
        update(*subscription);
        send(*client, latest_.realtime_usec, values_);
    }
    record_history();
}

CollectorSet Monitor::collectors_for_due() {
    CollectorSet collectors;
    for (const auto& [client, subscription] : due_) {
        collectors |= catalog_.collectors_of(subscription->sensors);
    }
    return collectors | collectors_to_rescan(collectors);
}

void Monitor::update(Subscription& subscription) {
    values_.clear();
    const double dt = seconds_between(subscription.baseline_usec, latest_.monotonic_usec);
    for (std::size_t i = 0; i < subscription.sensors.size(); ++i) {
        const auto sensor = subscription.sensors[i];
        const auto current = latest_.at(sensor);
        const double value =
            derive_value(catalog_.info(sensor).kind, subscription.baseline[i], current, dt);
        subscription.baseline[i] = current;
        if (!std::isnan(value)) {
            values_.push_back({&catalog_.info(sensor).id, value});
            // Clients that share a sensor see values over their own windows: history keeps the
            // first client's.
            if (recorded_in_tick_[sensor] != ticks_) {
                recorded_in_tick_[sensor] = ticks_;
                recorded_.emplace_back(sensor, value);
            }
        }
    }
    subscription.baseline_usec = latest_.monotonic_usec;
}

void Monitor::record_history() {
    std::sort(recorded_.begin(), recorded_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    history_.record(latest_.monotonic_usec, latest_.realtime_usec, recorded_);
}

CollectorSet Monitor::collectors_to_rescan(CollectorSet read_anyway) {
    // A collector none of whose sensors is subscribed is not read, so it would never find the
    // device a subscriber's pattern waits for (a battery put in, a hwmon chip loaded): read it
    // now and then, as a read finds the devices that came. The ones read anyway find them.
    CollectorSet wanted;
    subscriptions_.for_each([&](const std::string&, const Subscription& subscription) {
        wanted |= subscription.may_add;
    });
    wanted &= ~read_anyway;
    return wanted.any() && rescans_.pass() ? wanted : CollectorSet{};
}

const Reading* Monitor::recent_baseline(const SensorSet& sensors, std::uint64_t now_usec) const {
    for (const Reading* candidate : {&latest_, &previous_}) {
        if (candidate->samples.empty() || candidate->monotonic_usec > now_usec) {
            continue;
        }
        const auto age = now_usec - candidate->monotonic_usec;
        const bool covers = std::all_of(sensors.begin(), sensors.end(), [&](SensorIndex sensor) {
            return catalog_.info(sensor).kind == SensorKind::Gauge ||
                   candidate->at(sensor).present();
        });
        if (kTickBaselineAge.admits(age) && covers) {
            return candidate;
        }
    }
    return nullptr;
}

TimedValues Monitor::values_between(const SensorSet& sensors, const Reading& base,
                                    const Reading& current) const {
    TimedValues result{current.realtime_usec, {}};
    const double dt = seconds_between(base.monotonic_usec, current.monotonic_usec);
    for (const auto sensor : sensors) {
        const auto& info = catalog_.info(sensor);
        const double value = derive_value(info.kind, base.at(sensor), current.at(sensor), dt);
        if (!std::isnan(value)) {
            result.values.emplace(info.id, value);
        }
    }
    return result;
}

std::variant<TimedValues, Monitor::Probe> Monitor::begin_read(
    const std::vector<std::string>& names) {
    auto sensors = resolve_current(names);
    Reading now;
    take_reading(catalog_.collectors_of(sensors), now);
    if (!catalog_.needs_two_readings(sensors)) {
        return values_between(sensors, Reading{}, now);
    }
    if (const Reading* base = recent_baseline(sensors, now.monotonic_usec)) {
        return values_between(sensors, *base, now);
    }
    return Probe{std::move(sensors), std::move(now)};
}

TimedValues Monitor::finish_read(Probe& probe) {
    Reading now;
    take_reading(catalog_.collectors_of(probe.sensors), now);
    return values_between(probe.sensors, probe.first, now);
}

void Monitor::look_for_new_sensors(const std::vector<std::string>& names) {
    Reading reading;
    take_reading(catalog_.collectors_that_may_add(names), reading);
}

HistorySeries Monitor::history(const std::vector<std::string>& names,
                               std::uint64_t since_usec) const {
    const auto sensors = resolve(names);
    const auto entries = history_.count_since(since_usec);
    if (entries > 0 && sensors.size() > limits_.max_history_values / entries) {
        throw RequestError(RequestError::Kind::LimitExceeded,
                           std::to_string(entries) + " samples of " +
                               std::to_string(sensors.size()) + " sensors exceed " +
                               std::to_string(limits_.max_history_values) +
                               " values; ask for fewer sensors or a later since");
    }
    HistorySeries result;
    std::vector<std::vector<double>> series;
    history_.query(since_usec, sensors, result.timestamps_usec, series);
    for (std::size_t row = 0; row < sensors.size(); ++row) {
        result.series.emplace(catalog_.info(sensors[row]).id, std::move(series[row]));
    }
    return result;
}

}  // namespace vitalsd
