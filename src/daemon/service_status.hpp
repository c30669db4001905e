// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sampling/sensor_catalog.hpp"

namespace vitalsd {

/// What the service is doing, as told to the service manager.
struct Activity {
    std::size_t sensors = 0;  // sampled for somebody
    std::uint32_t interval_ms = 0;
    std::uint32_t clients = 0;
    std::uint32_t idle_timeout_s = 0;
};

/// Returns the human line for the service manager's STATUS=: "sampling 42 sensors every 500 ms
/// for 2 clients", "idle, exiting in 30 s", or "idle, waiting for clients" without an idle
/// timeout.
std::string status_line(const Activity& activity);

/// Sends STATUS= to the service manager (sd_notify) when the line changes; nothing happens
/// without $NOTIFY_SOCKET.
class StatusNotifier {
public:
    void update(const std::string& line);

private:
    std::string sent_;
};

/// The sensors that some client is subscribed to, each counted once however many want it.
class SubscribedSensors {
public:
    /// Sets the client's sensors, replacing those it had.
    void put(const std::string& client, SensorSet sensors);
    void remove(const std::string& client);

    std::size_t count() const { return distinct_; }

private:
    void count_in(const SensorSet& sensors, int change);

    std::map<std::string, SensorSet> clients_;
    std::vector<std::uint32_t> wanted_by_;  // per sensor index, how many clients want it
    std::size_t distinct_ = 0;
};

}  // namespace vitalsd
