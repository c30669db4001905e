// SPDX-License-Identifier: MIT
#pragma once

#include <systemd/sd-event.h>

#include <cstdint>
#include <functional>
#include <memory>

namespace sdbus {
class IConnection;
}

namespace vitalsd {

/// The service's one loop: sd-event driving the bus connection, timers and signals on a single
/// thread.
class EventLoop {
public:
    /// A timer that can be armed again and again; destroying it cancels it.
    class Timer {
    public:
        Timer(EventLoop& loop, std::function<void()> on_expiry);
        ~Timer();
        Timer(const Timer&) = delete;
        Timer& operator=(const Timer&) = delete;

        /// Fires once at the given CLOCK_MONOTONIC time, replacing any earlier deadline.
        void arm_at(std::uint64_t monotonic_usec);
        void disarm();
        bool armed() const;

    private:
        static int on_time(sd_event_source*, std::uint64_t, void* self);

        sd_event_source* source_ = nullptr;
        std::function<void()> on_expiry_;
    };

    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    /// Dispatches the connection's messages from this loop. The loop ends with exit code 1 if
    /// the connection fails (the bus went away).
    void attach(sdbus::IConnection& connection);

    /// Blocks the signal for the process and calls handler from the loop when it arrives.
    void on_signal(int signal, std::function<void()> handler);

    /// Calls fn once from the loop, after what is being dispatched now.
    void post(std::function<void()> fn);

    /// Calls fn once, delay_usec from now.
    void after(std::uint64_t delay_usec, std::function<void()> fn);

    /// Runs until exit(); returns the exit code.
    int run();
    void exit(int code);

private:
    struct Callback;
    struct BusAttachment;

    sd_event* event_ = nullptr;
    std::unique_ptr<BusAttachment> bus_;
};

}  // namespace vitalsd
