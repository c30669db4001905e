// SPDX-License-Identifier: MIT
#include "service_link.hpp"

#include <glibmm/main.h>

#include <algorithm>
#include <ctime>

#include "bus_error.hpp"
#include "bus_names.hpp"
#include "clock_now.hpp"
#include "name_owner.hpp"
#include "value_format.hpp"

namespace vitalsd::monitor {
namespace {

using ProcessStruct = sdbus::Struct<std::uint32_t, std::uint32_t, std::uint32_t, std::string,
                                    std::string, double, std::uint64_t, std::uint32_t, std::string>;
using SensorStruct = sdbus::Struct<std::string, std::string, std::string, std::string>;

constexpr const char* kInterface = io::github::vitalsd::Vitals1_proxy::INTERFACE_NAME;

// Waits before trying again to reach a service that cannot be started: doubling from the first
// up to the last, so that a broken installation costs a wake-up every half minute, no more.
constexpr unsigned kFirstRetryMs = 1000;
constexpr unsigned kLongestRetryMs = 30000;

}  // namespace

ServiceLink::ServiceLink(sdbus::IConnection& connection, std::vector<std::string> sensors,
                         std::uint32_t interval_ms)
    : connection_(connection),
      sensors_(std::move(sensors)),
      interval_ms_(interval_ms),
      bus_(sdbus::createProxy(connection, vitalsd::kDBusName, vitalsd::kDBusPath)),
      by_well_known_(sdbus::createProxy(connection, vitalsd::kServiceName, vitalsd::kObjectPath)) {
    owner_watch_ =
        watch_name_owner(connection_, kServiceName,
                         [this](const std::string& old_owner, const std::string& new_owner) {
                             owner_changed(old_owner, new_owner);
                         });
}

ServiceLink::~ServiceLink() {
    retry_timer_.disconnect();
    retire_idle_.disconnect();
}

void ServiceLink::set_state(LinkStatus::State state) {
    status_.state = state;
    if (on_status_changed) {
        on_status_changed();
    }
}

void ServiceLink::resume() {
    if (wanted_ || status_.state == LinkStatus::State::BusGone) {
        return;
    }
    wanted_ = true;
    connect();
}

void ServiceLink::pause() {
    if (!wanted_) {
        return;
    }
    wanted_ = false;
    ++attempt_;  // replies to a connection under way no longer matter
    retry_timer_.disconnect();
    if (instance_ && subscribed_) {
        // To the instance itself, without waiting: the window may be closing, and should that
        // instance have gone, this must not start another.
        try {
            instance_->calls().callMethod("Stop").onInterface(kInterface).dontExpectReply();
        } catch (const sdbus::Error&) {
            // The connection failed; the subscription went with it.
        }
    }
    subscribed_ = false;
    set_state(status_.state == LinkStatus::State::BusGone ? LinkStatus::State::BusGone
                                                          : LinkStatus::State::Paused);
}

// Starts from the well-known name, whose first call activates the service; then learns which
// instance answered and talks to that one alone.
void ServiceLink::connect() {
    retry_timer_.disconnect();
    const auto attempt = ++attempt_;
    subscribed_ = false;
    set_state(LinkStatus::State::Connecting);
    list_sensors(
        *by_well_known_,
        [this, attempt] {
            bus_->callMethodAsync("GetNameOwner")
                .onInterface(vitalsd::kDBusName)
                .withArguments(std::string(vitalsd::kServiceName))
                .uponReplyInvoke(
                    [this, attempt](const sdbus::Error* error, const std::string& owner) {
                        if (attempt != attempt_) {
                            return;
                        }
                        if (error != nullptr) {
                            failed(*error, attempt);  // it left again at once
                            return;
                        }
                        attach(owner, attempt);
                    });
        },
        attempt);
}

void ServiceLink::list_sensors(sdbus::IProxy& proxy, std::function<void()> then,
                               std::uint64_t attempt) {
    proxy.callMethodAsync("ListSensors")
        .onInterface(kInterface)
        .uponReplyInvoke([this, then = std::move(then), attempt](
                             const sdbus::Error* error, const std::vector<SensorStruct>& rows) {
            if (attempt != attempt_) {
                return;
            }
            if (error != nullptr) {
                failed(*error, attempt);
                return;
            }
            std::vector<vitalsd::SensorEntry> entries;
            entries.reserve(rows.size());
            for (const auto& row : rows) {
                entries.push_back({row.get<0>(), row.get<1>(), row.get<2>(), row.get<3>()});
            }
            if (on_sensors) {
                on_sensors(vitalsd::SensorDirectory(std::move(entries)));
            }
            if (then) {
                then();
            }
        });
}

void ServiceLink::attach(const std::string& owner, std::uint64_t attempt) {
    if (owner != owner_ || !instance_) {
        retire_instance();
        owner_ = owner;
        instance_ = std::make_unique<vitalsd::VitalsProxy>(connection_, owner_);
        instance_->on_updated = [this](const std::string&, std::uint64_t timestamp,
                                       const std::map<std::string, double>& values) {
            if (subscribed_ && on_update) {
                on_update(timestamp, values);
            }
        };
        // Sensors came or went (a hot-plugged device): a pattern subscription follows by itself,
        // but the window needs the new sensors' units and labels.
        instance_->on_sensors_changed = [this] {
            if (instance_) {
                list_sensors(instance_->calls(), {}, attempt_);
            }
        };
        status_.pid = 0;
        status_.version.clear();
    }
    bus_->callMethodAsync("GetConnectionUnixProcessID")
        .onInterface(vitalsd::kDBusName)
        .withArguments(owner_)
        .uponReplyInvoke([this, attempt](const sdbus::Error* error, std::uint32_t pid) {
            if (attempt != attempt_) {
                return;
            }
            if (error != nullptr) {
                failed(*error, attempt);
                return;
            }
            status_.pid = pid;
            fetch_version_and_history(attempt);
        });
}

void ServiceLink::fetch_version_and_history(std::uint64_t attempt) {
    instance_->calls()
        .callMethodAsync("Get")
        .onInterface("org.freedesktop.DBus.Properties")
        .withArguments(std::string(kInterface), std::string("Version"))
        .uponReplyInvoke([this, attempt](const sdbus::Error* error, const sdbus::Variant& value) {
            // Only shown in the status line: without it the window works as well.
            if (attempt == attempt_ && error == nullptr) {
                status_.version = value.get<std::string>();
            }
        });
    const std::uint64_t since = history_since ? history_since() : 0;
    instance_->calls()
        .callMethodAsync("GetHistory")
        .onInterface(kInterface)
        .withArguments(sensors_, since)
        .uponReplyInvoke([this, attempt](const sdbus::Error* error,
                                         const std::vector<std::uint64_t>& timestamps,
                                         const History& series) {
            if (attempt != attempt_) {
                return;
            }
            // A history too large to send (LimitExceeded) only means the graphs start empty.
            if (error == nullptr && on_history) {
                on_history(timestamps, series);
            }
            subscribe(attempt);
        });
}

void ServiceLink::subscribe(std::uint64_t attempt) {
    instance_->calls()
        .callMethodAsync("Start")
        .onInterface(kInterface)
        .withArguments(interval_ms_, sensors_)
        .uponReplyInvoke([this, attempt](const sdbus::Error* error) {
            if (attempt != attempt_) {
                return;
            }
            if (error != nullptr) {
                failed(*error, attempt);
                return;
            }
            subscribed_ = true;
            retry_delay_ms_ = 0;
            if (lost_pid_ != 0) {
                status_.notice = "vitalsd (pid " + std::to_string(lost_pid_) + ") went away at " +
                                 lost_at_ + "; the monitor started it again (pid " +
                                 std::to_string(status_.pid) + ").";
                lost_pid_ = 0;
            } else if (failing_) {
                status_.notice.clear();  // the trouble before is over
            }
            failing_ = false;
            set_state(LinkStatus::State::Live);
        });
}

void ServiceLink::owner_changed(const std::string& old_owner, const std::string& new_owner) {
    if (!owner_.empty() && old_owner == owner_) {
        // Our instance left: idle exit while paused is its normal life; anything else is news.
        const bool unexpected = wanted_;
        if (unexpected && subscribed_) {
            lost_pid_ = status_.pid;
            lost_at_ = vitalsd::time_of_day(realtime_now_usec());
            status_.notice = "vitalsd (pid " + std::to_string(lost_pid_) + ") went away at " +
                             lost_at_ + "; starting it again…";
        }
        // Called from the connection's own match, not from the proxy: safe to destroy it here.
        instance_.reset();
        owner_.clear();
        processes_pending_ = false;  // its reply will never come
        subscribed_ = false;
        if (wanted_) {
            connect();
        }
        return;
    }
    // Somebody else started the service while we were waiting to try again: try now.
    if (wanted_ && !new_owner.empty() && status_.state == LinkStatus::State::Failed) {
        connect();
    }
}

void ServiceLink::failed(const sdbus::Error& error, std::uint64_t attempt) {
    if (attempt != attempt_) {
        return;
    }
    subscribed_ = false;
    const auto why = vitalsd::describe_error(error.getName(), error.getMessage());
    if (error.getName().starts_with(vitalsd::kErrorPrefix)) {
        // The service refuses what we ask (an interval below its minimum): asking again will
        // not change its mind.
        status_.notice = "vitalsd refuses the subscription: " + why + ".";
        set_state(LinkStatus::State::Refused);
        return;
    }
    failing_ = true;
    retry_delay_ms_ = std::clamp(retry_delay_ms_ * 2, kFirstRetryMs, kLongestRetryMs);
    status_.notice = "Cannot reach vitalsd: " + why + ". Trying again in " +
                     std::to_string(retry_delay_ms_ / 1000) + " s.";
    set_state(LinkStatus::State::Failed);
    retry_later();
}

void ServiceLink::retry_later() {
    retry_timer_.disconnect();
    retry_timer_ = Glib::signal_timeout().connect(
        [this] {
            retire_instance();
            connect();
            return false;
        },
        retry_delay_ms_);
}

void ServiceLink::retire_instance() {
    if (!instance_) {
        return;
    }
    retired_.push_back(std::move(instance_));
    owner_.clear();
    processes_pending_ = false;  // its reply will never come
    if (!retire_idle_.connected()) {
        retire_idle_ = Glib::signal_idle().connect([this] {
            retired_.clear();
            return false;
        });
    }
}

void ServiceLink::refresh_processes() {
    if (!instance_ || processes_pending_) {
        return;
    }
    processes_pending_ = true;
    const auto attempt = attempt_;
    instance_->calls()
        .callMethodAsync("ListProcesses")
        .onInterface(kInterface)
        .uponReplyInvoke(
            [this, attempt](const sdbus::Error* error, const std::vector<ProcessStruct>& rows) {
                processes_pending_ = false;
                if (error != nullptr || attempt != attempt_ || !on_processes) {
                    return;  // the next refresh asks again
                }
                std::vector<vitalsd::ProcessRow> processes;
                processes.reserve(rows.size());
                for (const auto& p : rows) {
                    processes.push_back({p.get<0>(), p.get<1>(), p.get<2>(), p.get<3>(), p.get<4>(),
                                         p.get<5>(), p.get<6>(), p.get<7>(), p.get<8>()});
                }
                on_processes(std::move(processes));
            });
}

void ServiceLink::bus_failed(const std::string& why) {
    ++attempt_;
    retry_timer_.disconnect();
    subscribed_ = false;
    status_.notice = "Lost the connection to the session bus (" + why +
                     "); restart the monitor once the desktop's bus is back.";
    set_state(LinkStatus::State::BusGone);
}

}  // namespace vitalsd::monitor
