// SPDX-License-Identifier: MIT
#include "service.hpp"

#include <memory>
#include <type_traits>

#include "bus_names.hpp"
#include "config.h"
#include "log.hpp"
#include "request_error.hpp"

namespace vitalsd {
namespace {

template <typename Row>
auto to_wire_rows(const std::vector<Row>& rows) {
    std::vector<decltype(to_wire(rows.front()))> wire;
    wire.reserve(rows.size());
    for (const auto& row : rows) {
        wire.push_back(to_wire(row));
    }
    return wire;
}

}  // namespace

Service::Service(sdbus::IConnection& connection, EventLoop& loop, const Clock& clock,
                 Monitor& monitor, ProcessListing& processes, ApplicationListing& applications,
                 Settings settings)
    : AdaptorInterfaces(connection, kObjectPath),
      loop_(loop),
      monitor_(monitor),
      processes_(processes),
      applications_(applications),
      settings_(settings),
      tick_timer_(loop,
                  [this] {
                      send_updates();
                      plan_tick();
                  }),
      clients_(connection,
               [this](const std::string& client) {
                   // The watch's own match is running: drop it from the loop, not from here.
                   loop_.post([this, client] { forget_client(client); });
               }),
      idle_exit_(loop, clock, connection, kServiceName, settings.idle_timeout_s,
                 {[this] { return monitor_.clients() > 0; }, [this] { return pending_replies_; }}) {
    registerAdaptor();
}

Service::~Service() {
    unregisterAdaptor();
}

void Service::start_idle_countdown() {
    idle_exit_.touch();
    report_status();
}

void Service::report_status() {
    if (idle_exit_.exiting()) {
        return;  // the exit has said so
    }
    status_.update(status_line({monitor_.subscribed_sensor_count(), monitor_.interval_ms(),
                                monitor_.clients(), settings_.idle_timeout_s}));
}

Service::Properties Service::properties() const {
    return {monitor_.sampling(), monitor_.interval_ms(), monitor_.clients()};
}

template <typename Fn>
auto Service::handle(Fn&& fn) {
    // The closing steps run whatever the call did, also when it failed half way.
    const auto before = properties();
    try {
        if constexpr (std::is_void_v<std::invoke_result_t<Fn&>>) {
            fn();
            finish_call(before);
        } else {
            auto result = fn();
            finish_call(before);
            return result;
        }
    } catch (...) {
        finish_call(before);
        rethrow_as_bus_error();
    }
}

void Service::rethrow_as_bus_error() {
    try {
        throw;
    } catch (const RequestError& e) {
        throw sdbus::Error(bus_error_name(e.kind()), e.what());
    } catch (const sdbus::Error&) {
        throw;
    } catch (const std::exception& e) {
        throw sdbus::Error("org.freedesktop.DBus.Error.Failed", e.what());
    }
}

void Service::finish_call(const Properties& before) noexcept {
    const auto after = properties();
    std::vector<std::string> changed;
    if (after.sampling != before.sampling) {
        changed.push_back("Sampling");
    }
    if (after.interval_ms != before.interval_ms) {
        changed.push_back("Interval");
    }
    if (after.clients != before.clients) {
        changed.push_back("Clients");
    }
    try {
        if (!changed.empty()) {
            getObject().emitPropertiesChangedSignal(INTERFACE_NAME, changed);
        }
        announce_sensor_changes();
    } catch (const sdbus::Error&) {
        // The bus is going away; the loop notices and ends.
    }
    plan_tick();
    idle_exit_.touch();
    report_status();
}

void Service::plan_tick() {
    if (const auto due = monitor_.next_tick_usec()) {
        tick_timer_.arm_at(*due);
    } else {
        tick_timer_.disarm();
    }
}

void Service::announce_sensor_changes() {
    auto changes = monitor_.take_sensor_changes();
    if (!changes.empty()) {
        emitSensorsChanged(changes.added, changes.removed);
    }
}

void Service::send_updates() {
    try {
        bool announced = false;
        monitor_.tick([this, &announced](const std::string& client, std::uint64_t timestamp_usec,
                                         std::span<const Monitor::SensorValue> values) {
            // The devices this tick's reading found are announced before any value of theirs
            // goes out, so that no client meets a sensor it has not been told of.
            if (!announced) {
                announce_sensor_changes();
                announced = true;
            }
            // Written straight into the message: no map is built per update.
            auto signal = getObject().createSignal(INTERFACE_NAME, "Updated");
            signal << timestamp_usec;
            signal.openContainer("{sd}");
            for (const auto& value : values) {
                signal.openDictEntry("sd");
                signal << *value.id << value.value;
                signal.closeDictEntry();
            }
            signal.closeContainer();
            signal.setDestination(client);
            getObject().emitSignal(signal);
        });
        announce_sensor_changes();
    } catch (const sdbus::Error& e) {
        log_warning("sending updates: " + e.getMessage());
    }
}

template <typename Reply, typename Send>
void Service::reply_after_probe(std::shared_ptr<Reply> reply, Send send) {
    if (pending_replies_ >= monitor_.limits().max_pending_replies) {
        throw RequestError(RequestError::Kind::LimitExceeded,
                           std::to_string(pending_replies_) +
                               " calls are already waiting for a measurement; try again");
    }
    ++pending_replies_;
    loop_.after(Monitor::kProbeWindowUsec, [this, reply, send] {
        --pending_replies_;
        // The caller gets an answer whatever happens: an error reply rather than a timeout.
        try {
            try {
                send(*reply);
            } catch (const sdbus::Error& e) {
                reply->returnError(e);
            } catch (const std::exception& e) {
                reply->returnError(sdbus::Error("org.freedesktop.DBus.Error.Failed", e.what()));
            }
        } catch (const sdbus::Error& e) {
            log_warning(std::string("sending a reply: ") + e.getMessage());
        }
        idle_exit_.touch();
    });
}

void Service::forget_client(const std::string& client) {
    handle([&] {
        monitor_.unsubscribe(client);
        clients_.unwatch(client);
    });
}

void Service::Start(const std::uint32_t& interval_ms, const std::vector<std::string>& sensors) {
    const auto client = getObject().getCurrentlyProcessedMessage()->getSender();
    handle([&] {
        monitor_.subscribe(client, interval_ms, sensors);
        if (!clients_.watch(client)) {
            monitor_.unsubscribe(client);  // it left before we could watch it
        }
    });
}

void Service::Stop() {
    forget_client(getObject().getCurrentlyProcessedMessage()->getSender());
}

void Service::GetValues(sdbus::Result<std::uint64_t, std::map<std::string, double>>&& result,
                        std::vector<std::string> sensors) {
    handle([&] {
        auto read = monitor_.begin_read(sensors);
        if (const auto* ready = std::get_if<TimedValues>(&read)) {
            result.returnResults(ready->timestamp_usec, ready->values);
            return;
        }
        auto reply = std::make_shared<std::remove_reference_t<decltype(result)>>(std::move(result));
        auto probe = std::make_shared<Monitor::Probe>(std::get<Monitor::Probe>(std::move(read)));
        reply_after_probe(reply, [this, probe](const auto& result) {
            const auto values = monitor_.finish_read(*probe);
            result.returnResults(values.timestamp_usec, values.values);
        });
    });
}

std::vector<SensorRowWire> Service::ListSensors() {
    return handle([&] {
        std::vector<SensorRowWire> rows;
        for (const auto& sensor : monitor_.list_sensors()) {
            rows.emplace_back(sensor.id, sensor.unit, sensor.label, sensor.description);
        }
        return rows;
    });
}

std::tuple<std::vector<std::uint64_t>, std::map<std::string, std::vector<double>>>
Service::GetHistory(const std::vector<std::string>& sensors, const std::uint64_t& since_usec) {
    return handle([&] {
        auto history = monitor_.history(sensors, since_usec);
        return std::make_tuple(std::move(history.timestamps_usec), std::move(history.series));
    });
}

uid_t Service::caller_uid() {
    try {
        return getObject().getCurrentlyProcessedMessage()->getCredsUid();
    } catch (const sdbus::Error& e) {
        log_warning("cannot tell who calls: " + e.getMessage());
        return ProcessListing::kUnknownCaller;
    }
}

void Service::ListProcesses(sdbus::Result<std::vector<ProcessRowWire>>&& result) {
    // Asked now, while the call is the message being processed; the reply may come later.
    const uid_t caller =
        processes_.depends_on_caller() ? caller_uid() : ProcessListing::kUnknownCaller;
    handle([&] {
        auto listing = processes_.begin(caller);
        if (const auto* rows = std::get_if<std::vector<ProcessRow>>(&listing)) {
            result.returnResults(to_wire_rows(*rows));
            return;
        }
        auto reply = std::make_shared<std::remove_reference_t<decltype(result)>>(std::move(result));
        reply_after_probe(
            reply, [this, probe = std::get<ProcessListing::Probe>(listing)](const auto& result) {
                result.returnResults(to_wire_rows(processes_.finish(probe)));
            });
    });
}

void Service::ListApplications(sdbus::Result<std::vector<ApplicationRowWire>>&& result) {
    handle([&] {
        auto listing = applications_.begin();
        if (const auto* rows = std::get_if<std::vector<ApplicationRow>>(&listing)) {
            result.returnResults(to_wire_rows(*rows));
            return;
        }
        auto reply = std::make_shared<std::remove_reference_t<decltype(result)>>(std::move(result));
        auto probe = std::make_shared<Monitor::Probe>(std::get<Monitor::Probe>(std::move(listing)));
        reply_after_probe(reply, [this, probe](const auto& result) {
            result.returnResults(to_wire_rows(applications_.finish(*probe)));
        });
    });
}

void Service::Shutdown() {
    handle([&] {
        // After the reply has gone out.
        loop_.post([this] { idle_exit_.begin("Shutdown called"); });
    });
}

std::string Service::Version() {
    idle_exit_.touch();
    return VITALSD_VERSION;
}

bool Service::Sampling() {
    idle_exit_.touch();
    return monitor_.sampling();
}

std::uint32_t Service::Interval() {
    idle_exit_.touch();
    return monitor_.interval_ms();
}

std::uint32_t Service::Clients() {
    idle_exit_.touch();
    return monitor_.clients();
}

std::uint32_t Service::IdleTimeout() {
    idle_exit_.touch();
    return settings_.idle_timeout_s;
}

}  // namespace vitalsd
