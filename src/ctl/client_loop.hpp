// SPDX-License-Identifier: MIT
#pragma once

#include <signal.h>

#include <chrono>
#include <initializer_list>
#include <optional>

namespace sdbus {
class IConnection;
}

namespace vitalsd::ctl {

/// The client's one thread: waits in poll() on the bus connection and on a signalfd, and
/// dispatches bus messages (signal handlers and the like) as they come. The signals it is given
/// are blocked for the process and arrive through wait() instead, so that a handler never runs
/// in the middle of a call.
class ClientLoop {
public:
    using Clock = std::chrono::steady_clock;

    /// What ended a wait; several may hold at once.
    struct Wake {
        std::optional<int> signal;  ///< a signal that arrived
        bool dispatched = false;    ///< bus messages were handled
        bool timed_out = false;     ///< the deadline passed
        bool input = false;         ///< the input watched can be read (or has ended)
    };

    /// Throws std::system_error when the signalfd cannot be made.
    ClientLoop(sdbus::IConnection& connection, std::initializer_list<int> signals);
    ~ClientLoop();
    ClientLoop(const ClientLoop&) = delete;
    ClientLoop& operator=(const ClientLoop&) = delete;

    /// Dispatches what the connection has queued; returns at once if there was any, else waits
    /// for a message, one of the signals or the deadline (none: no limit). Throws sdbus::Error
    /// when the connection fails (the bus has gone).
    Wake wait(std::optional<Clock::time_point> deadline);

    /// Makes wait() also return when fd can be read (keys typed on a terminal); none: stop.
    void watch_input(std::optional<int> fd) { input_fd_ = fd.value_or(-1); }

private:
    bool dispatch_queued();

    sdbus::IConnection& connection_;
    sigset_t signals_;
    sigset_t previous_mask_;
    int signal_fd_ = -1;
    int input_fd_ = -1;
};

}  // namespace vitalsd::ctl
