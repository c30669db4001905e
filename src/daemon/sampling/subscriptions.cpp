// SPDX-License-Identifier: MIT
#include "subscriptions.hpp"

#include <algorithm>

namespace vitalsd {

void Subscriptions::put(const std::string& client, Subscription subscription) {
    clients_.insert_or_assign(client, std::move(subscription));
}

void Subscriptions::remove(const std::string& client) {
    clients_.erase(client);
}

std::uint32_t Subscriptions::min_interval_ms() const {
    std::uint32_t smallest = 0;
    for (const auto& [client, subscription] : clients_) {
        if (smallest == 0 || subscription.interval_ms < smallest) {
            smallest = subscription.interval_ms;
        }
    }
    return smallest;
}

std::uint64_t Subscriptions::first_due_usec(const std::string& client, std::uint64_t now_usec,
                                            std::uint32_t interval_ms) const {
    const Subscription* beat = nullptr;  // the schedule to fall in with
    for (const auto& [other, subscription] : clients_) {
        if (other != client && interval_ms % subscription.interval_ms == 0 &&
            (beat == nullptr || subscription.interval_ms > beat->interval_ms)) {
            beat = &subscription;
        }
    }
    const std::uint64_t wanted_usec = now_usec + std::uint64_t{interval_ms} * 1000u;
    if (beat == nullptr) {
        return wanted_usec;
    }
    // The beat's ticks are beat->due_usec + k * step; take the one nearest to wanted_usec. It is
    // never nearer to now than half an interval, since step is at most the interval.
    const auto step = static_cast<std::int64_t>(beat->interval_ms) * 1000;
    const auto offset = static_cast<std::int64_t>(wanted_usec - beat->due_usec);
    const std::int64_t ticks =
        offset >= 0 ? (offset + step / 2) / step : -((-offset + step / 2) / step);
    return beat->due_usec + static_cast<std::uint64_t>(ticks * step);
}

std::optional<std::uint64_t> Subscriptions::next_due_usec() const {
    std::optional<std::uint64_t> earliest;
    for (const auto& [client, subscription] : clients_) {
        if (!earliest || subscription.due_usec < *earliest) {
            earliest = subscription.due_usec;
        }
    }
    return earliest;
}

void Subscriptions::take_due(std::uint64_t now_usec,
                             std::vector<std::pair<const std::string*, Subscription*>>& due) {
    due.clear();
    for (auto& [client, subscription] : clients_) {
        if (subscription.due_usec > now_usec + kToleranceUsec) {
            continue;
        }
        due.emplace_back(&client, &subscription);
        const std::uint64_t interval_usec = std::uint64_t{subscription.interval_ms} * 1000u;
        subscription.due_usec += interval_usec;
        if (subscription.due_usec <= now_usec) {
            subscription.due_usec = now_usec + interval_usec;
        }
    }
}

}  // namespace vitalsd
