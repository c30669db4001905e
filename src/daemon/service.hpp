// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "client_watch.hpp"
#include "event_loop.hpp"
#include "idle_exit.hpp"
#include "sampling/application_listing.hpp"
#include "sampling/monitor.hpp"
#include "sampling/process_listing.hpp"
#include "service_status.hpp"
#include "vitals1_adaptor.h"
#include "wire.hpp"

namespace vitalsd {

/// The D-Bus face of the service: turns calls into Monitor calls and results into replies,
/// signals and property changes. No /proc code lives here.
class Service final : public sdbus::AdaptorInterfaces<io::github::vitalsd::Vitals1_adaptor> {
public:
    struct Settings {
        std::uint32_t idle_timeout_s = 30;
    };

    Service(sdbus::IConnection& connection, EventLoop& loop, const Clock& clock, Monitor& monitor,
            ProcessListing& processes, ApplicationListing& applications, Settings settings);
    ~Service();

    /// Starts the idle countdown; call once the bus name is owned.
    void start_idle_countdown();

    /// Exits the way an idle service does (SIGTERM, SIGINT).
    void begin_exit(const std::string& why) { idle_exit_.begin(why); }

private:
    struct Properties {
        bool sampling;
        std::uint32_t interval_ms;
        std::uint32_t clients;
        bool operator==(const Properties&) const = default;
    };

    void Start(const std::uint32_t& interval_ms, const std::vector<std::string>& sensors) override;
    void Stop() override;
    void GetValues(sdbus::Result<std::uint64_t, std::map<std::string, double>>&& result,
                   std::vector<std::string> sensors) override;
    std::vector<SensorRowWire> ListSensors() override;
    std::tuple<std::vector<std::uint64_t>, std::map<std::string, std::vector<double>>> GetHistory(
        const std::vector<std::string>& sensors, const std::uint64_t& since_usec) override;
    void ListProcesses(sdbus::Result<std::vector<ProcessRowWire>>&& result) override;
    void ListApplications(sdbus::Result<std::vector<ApplicationRowWire>>&& result) override;
    void Shutdown() override;

    std::string Version() override;
    bool Sampling() override;
    std::uint32_t Interval() override;
    std::uint32_t Clients() override;
    std::uint32_t IdleTimeout() override;

    /// Runs a change to the service's state as one call: turns a RequestError into its named
    /// D-Bus error, announces the properties that changed, re-plans sampling and the idle exit.
    template <typename Fn>
    auto handle(Fn&& fn);
    /// The steps every call ends with, failed or not: PropertiesChanged for what differs from
    /// before, SensorsChanged, the next tick, the idle countdown, the STATUS= line.
    void finish_call(const Properties& before) noexcept;
    /// Rethrows the exception being handled as the D-Bus error a caller gets.
    [[noreturn]] static void rethrow_as_bus_error();

    /// Counts a reply as pending and, once the probe window has passed, answers it with
    /// send(*reply), or with an error when that fails. Throws LimitExceeded when too many wait.
    template <typename Reply, typename Send>
    void reply_after_probe(std::shared_ptr<Reply> reply, Send send);
    void forget_client(const std::string& client);
    void announce_sensor_changes();
    /// Returns the uid of the caller of the message being processed (the bus vouches for it).
    uid_t caller_uid();
    void send_updates();
    void plan_tick();
    void report_status();
    Properties properties() const;

    EventLoop& loop_;
    Monitor& monitor_;
    ProcessListing& processes_;
    ApplicationListing& applications_;
    Settings settings_;
    std::size_t pending_replies_ = 0;
    StatusNotifier status_;
    EventLoop::Timer tick_timer_;
    ClientWatch clients_;
    IdleExit idle_exit_;
};

}  // namespace vitalsd
