// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <cstdint>
#include <functional>
#include <string>

#include "clock.hpp"
#include "event_loop.hpp"
#include "idle_countdown.hpp"

namespace vitalsd {

/// Ends the service without losing a call, the way systemd's own bus services do: after the idle
/// timeout (or on Shutdown or SIGTERM) it releases the bus name but keeps answering what is
/// already queued, and ends the loop only once the bus confirms the name is gone and no reply is
/// pending. A call sent after the release makes the bus start a fresh instance.
class IdleExit {
public:
    struct Load {
        std::function<bool()> has_clients;
        std::function<std::size_t()> pending_replies;
    };

    IdleExit(EventLoop& loop, const Clock& clock, sdbus::IConnection& connection, std::string name,
             std::uint32_t timeout_s, Load load);

    /// Restarts the countdown from now, or stops it while there are clients or pending replies.
    /// Call after every method call and whenever the load changes.
    void touch();

    /// Starts the exit now, for the reason given (logged once).
    void begin(const std::string& why);

    bool exiting() const { return exiting_; }

private:
    void finish_when_drained();
    void on_deadline();

    EventLoop& loop_;
    sdbus::IConnection& connection_;
    std::string name_;
    IdleCountdown countdown_;
    Load load_;
    EventLoop::Timer timer_;  // may be set earlier than the countdown's deadline
    sdbus::Slot name_gone_match_;
    bool exiting_ = false;
    bool name_gone_ = false;
};

}  // namespace vitalsd
