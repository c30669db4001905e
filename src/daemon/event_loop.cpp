// SPDX-License-Identifier: MIT
#include "event_loop.hpp"

#include <signal.h>

#include <sdbus-c++/Error.h>
#include <sdbus-c++/IConnection.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include "log.hpp"

namespace vitalsd {
namespace {

void check(int r, const char* what) {
    if (r < 0) {
        throw std::runtime_error(std::string(what) + ": " + std::strerror(-r));
    }
}

}  // namespace

// A heap-held function owned by a floating event source and freed with it.
struct EventLoop::Callback {
    std::function<void()> fn;

    static void destroy(void* self) { delete static_cast<Callback*>(self); }

    // Gives the source to the loop, which frees it (and this) when the loop ends.
    static void adopt(sd_event_source* source, std::function<void()> fn) {
        auto* callback = new Callback{std::move(fn)};
        sd_event_source_set_userdata(source, callback);
        sd_event_source_set_destroy_callback(source, destroy);
        sd_event_source_set_floating(source, 1);
        sd_event_source_unref(source);
    }

    // Runs a one-shot source's function and frees the source.
    static int fire_once(sd_event_source* source, void* self) {
        auto fn = std::move(static_cast<Callback*>(self)->fn);
        // Un-floating drops the loop's reference, the only one: the source (and this) is freed
        // once its dispatch returns, which sd-event allows from inside the callback.
        sd_event_source_set_floating(source, 0);
        fn();
        return 0;
    }

    static int fire(sd_event_source*, void* self) {
        static_cast<Callback*>(self)->fn();
        return 0;
    }
};

// Feeds the sdbus-c++ connection from the loop: before each poll, the prepare callback asks the
// connection which events and deadline it waits for; either wakes it to process messages.
struct EventLoop::BusAttachment {
    sdbus::IConnection& connection;
    sd_event_source* io = nullptr;
    sd_event_source* time = nullptr;

    ~BusAttachment() {
        sd_event_source_disable_unref(io);
        sd_event_source_disable_unref(time);
    }

    static int prepare(sd_event_source*, void* self) {
        auto* bus = static_cast<BusAttachment*>(self);
        try {
            const auto poll = bus->connection.getEventLoopPollData();
            sd_event_source_set_io_events(bus->io, static_cast<std::uint32_t>(poll.events));
            if (poll.timeout_usec == UINT64_MAX) {
                sd_event_source_set_enabled(bus->time, SD_EVENT_OFF);
            } else {
                sd_event_source_set_time(bus->time, poll.timeout_usec);
                sd_event_source_set_enabled(bus->time, SD_EVENT_ONESHOT);
            }
        } catch (const sdbus::Error& e) {
            return bus->lost(e);
        }
        return 0;
    }

    static int process(void* self) {
        auto* bus = static_cast<BusAttachment*>(self);
        try {
            while (bus->connection.processPendingRequest()) {
            }
        } catch (const sdbus::Error& e) {
            return bus->lost(e);
        }
        return 0;
    }

    int lost(const sdbus::Error& e) {
        log_error("bus connection lost: " + e.getMessage());
        sd_event_exit(sd_event_source_get_event(io), 1);
        return 0;
    }
};

EventLoop::Timer::Timer(EventLoop& loop, std::function<void()> on_expiry)
    : on_expiry_(std::move(on_expiry)) {
    check(
        sd_event_add_time(loop.event_, &source_, CLOCK_MONOTONIC, UINT64_MAX, 1000, on_time, this),
        "sd_event_add_time");
    sd_event_source_set_enabled(source_, SD_EVENT_OFF);
}

EventLoop::Timer::~Timer() {
    sd_event_source_disable_unref(source_);
}

int EventLoop::Timer::on_time(sd_event_source*, std::uint64_t, void* self) {
    static_cast<Timer*>(self)->on_expiry_();
    return 0;
}

void EventLoop::Timer::arm_at(std::uint64_t monotonic_usec) {
    sd_event_source_set_time(source_, monotonic_usec);
    sd_event_source_set_enabled(source_, SD_EVENT_ONESHOT);
}

void EventLoop::Timer::disarm() {
    sd_event_source_set_enabled(source_, SD_EVENT_OFF);
}

bool EventLoop::Timer::armed() const {
    return sd_event_source_get_enabled(source_, nullptr) > 0;
}

EventLoop::EventLoop() {
    check(sd_event_new(&event_), "sd_event_new");
    // Pings the watchdog when the service manager asks for it (WATCHDOG_USEC); else a no-op.
    sd_event_set_watchdog(event_, 1);
}

EventLoop::~EventLoop() {
    bus_.reset();
    sd_event_unref(event_);
}

void EventLoop::attach(sdbus::IConnection& connection) {
    auto bus = std::make_unique<BusAttachment>(BusAttachment{connection});
    const auto poll = connection.getEventLoopPollData();
    check(sd_event_add_io(
              event_, &bus->io, poll.fd, static_cast<std::uint32_t>(poll.events),
              [](sd_event_source*, int, std::uint32_t, void* self) {
                  return BusAttachment::process(self);
              },
              bus.get()),
          "sd_event_add_io");
    check(sd_event_add_time(
              event_, &bus->time, CLOCK_MONOTONIC, 0, 0,
              [](sd_event_source*, std::uint64_t, void* self) {
                  return BusAttachment::process(self);
              },
              bus.get()),
          "sd_event_add_time");
    check(sd_event_source_set_prepare(bus->io, BusAttachment::prepare),
          "sd_event_source_set_prepare");
    bus_ = std::move(bus);
}

void EventLoop::on_signal(int signal, std::function<void()> handler) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    sd_event_source* source = nullptr;
    check(sd_event_add_signal(
              event_, &source, signal,
              [](sd_event_source* s, const signalfd_siginfo*, void* self) {
                  return Callback::fire(s, self);
              },
              nullptr),
          "sd_event_add_signal");
    Callback::adopt(source, std::move(handler));
}

void EventLoop::post(std::function<void()> fn) {
    sd_event_source* source = nullptr;
    check(sd_event_add_defer(event_, &source, Callback::fire_once, nullptr), "sd_event_add_defer");
    Callback::adopt(source, std::move(fn));
}

void EventLoop::after(std::uint64_t delay_usec, std::function<void()> fn) {
    sd_event_source* source = nullptr;
    check(sd_event_add_time_relative(
              event_, &source, CLOCK_MONOTONIC, delay_usec, 1000,
              [](sd_event_source* s, std::uint64_t, void* self) {
                  return Callback::fire_once(s, self);
              },
              nullptr),
          "sd_event_add_time_relative");
    Callback::adopt(source, std::move(fn));
}

int EventLoop::run() {
    const int r = sd_event_loop(event_);
    return r < 0 ? 1 : r;
}

void EventLoop::exit(int code) {
    sd_event_exit(event_, code);
}

}  // namespace vitalsd
