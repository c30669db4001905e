// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace vitalsd
