// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collectors/sensor.hpp"

namespace vitalsd {

/// One client's subscription: what it wants, how often, and the reading its next rates start
/// from, so each client sees averages over its own interval.
struct Subscription {
    std::uint32_t interval_ms = 0;
    std::vector<std::string> names;    // as asked, to resolve again when devices come and go
    std::vector<SensorIndex> sensors;  // sorted
    std::uint64_t due_usec = 0;        // CLOCK_MONOTONIC
    std::uint64_t baseline_usec = 0;
    std::vector<RawSample> baseline;  // aligned with sensors
    CollectorSet may_add;             // the collectors that may later add sensors names match
};

/// The subscribed clients, by unique bus name, and when each is next due. Pure bookkeeping: the
/// caller passes the time in.
class Subscriptions {
public:
    /// Two deadlines closer than this are served by one wake-up.
    static constexpr std::uint64_t kToleranceUsec = 2'000;

    /// Adds the client's subscription, replacing any earlier one of its own.
    void put(const std::string& client, Subscription subscription);

    /// Removes the client's subscription; a client without one is ignored.
    void remove(const std::string& client);

    bool contains(const std::string& client) const { return clients_.contains(client); }
    std::size_t size() const { return clients_.size(); }

    /// Returns the smallest interval asked for, 0 when nobody is subscribed.
    std::uint32_t min_interval_ms() const;

    /// Returns the first deadline for the client's new subscription of this interval, made at
    /// now_usec: one interval on, or, when another client is subscribed at an interval that
    /// divides this one (the largest such), the tick of that client's schedule nearest to one
    /// interval on. Clients of one interval, whenever they subscribed, then share their wake-ups
    /// and their reads.
    std::uint64_t first_due_usec(const std::string& client, std::uint64_t now_usec,
                                 std::uint32_t interval_ms) const;

    /// Returns the earliest deadline, none when nobody is subscribed.
    std::optional<std::uint64_t> next_due_usec() const;

    /// Calls fn(client, subscription) for every subscription, in client order.
    template <typename Fn>
    void for_each(Fn&& fn) {
        for (auto& [client, subscription] : clients_) {
            fn(client, subscription);
        }
    }

    /// Fills due with the clients due at now and moves each one's deadline one interval on (or,
    /// when it fell behind, one interval past now).
    void take_due(std::uint64_t now_usec,
                  std::vector<std::pair<const std::string*, Subscription*>>& due);

private:
    std::map<std::string, Subscription> clients_;
};

}  // namespace vitalsd
