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
    resubscription_ = vitalsd::Resubscription();  // from the start: subscribe at once
    follow_advice();
}

void ServiceLink::pause() {
    if (!wanted_) {
        return;
    }
    const bool was_subscribed = subscribed();
    wanted_ = false;
    ++attempt_;  // replies to a connection under way no longer matter
    retry_timer_.disconnect();
    if (instance_ && was_subscribed) {
        // To the instance itself, without waiting: the window may be closing, and should that
        // instance have gone, this must not start another.
        try {
            instance_->calls().callMethod("Stop").onInterface(kInterface).dontExpectReply();
        } catch (const sdbus::Error&) {
            // The connection failed; the subscription went with it.
        }
    }
    resubscription_ = vitalsd::Resubscription();
    set_state(status_.state == LinkStatus::State::BusGone ? LinkStatus::State::BusGone
                                                          : LinkStatus::State::Paused);
}

// Starts from the well-known name, whose first call activates the service; then learns which
// instance answered and talks to that one alone.
void ServiceLink::connect() {
    retry_timer_.disconnect();
    const auto attempt = ++attempt_;
    resubscription_.attempt_started();
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
                            failed(*error);  // it left again at once
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
                failed(*error);
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
            if (subscribed() && on_update) {
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
                failed(*error);
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
                failed(*error);
                return;
            }
            resubscription_.subscribed(owner_);
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
    const bool ours_left = !owner_.empty() && old_owner == owner_;
    if (ours_left && subscribed()) {
        // While paused, the instance leaving is its normal idle exit; under a subscription, news.
        lost_pid_ = status_.pid;
        lost_at_ = vitalsd::time_of_day(realtime_now_usec());
        status_.notice = "vitalsd (pid " + std::to_string(lost_pid_) + ") went away at " +
                         lost_at_ + "; starting it again…";
    }
    // An attempt under way with that instance ends in an error of its own, which needs the proxy
    // alive: destroyed, it would drop the reply.
    const bool attempting =
        wanted_ && resubscription_.state() == vitalsd::Resubscription::State::Attempting;
    if (ours_left && !attempting) {
        // Called from the connection's own match, not from the proxy: safe to destroy it here.
        instance_.reset();
        owner_.clear();
        processes_pending_ = false;  // its reply will never come
    }
    if (wanted_) {
        resubscription_.owner_changed(old_owner, new_owner);
        follow_advice();
    }
}

void ServiceLink::failed(const sdbus::Error& error) {
    if (!wanted_) {
        return;  // paused: resume() starts over
    }
    resubscription_.failed(error.getName(), std::chrono::steady_clock::now());
    const auto why = vitalsd::describe_error(error.getName(), error.getMessage());
    failing_ = true;
    if (resubscription_.state() == vitalsd::Resubscription::State::Refused) {
        status_.notice = "vitalsd refuses the subscription: " + why + ".";
        set_state(LinkStatus::State::Refused);
    } else {
        const auto delay =
            std::chrono::duration_cast<std::chrono::seconds>(resubscription_.retry_delay());
        status_.notice = "Cannot reach vitalsd: " + why + ". Trying again in " +
                         std::to_string(delay.count()) + " s.";
        set_state(LinkStatus::State::Failed);
    }
    follow_advice();
}

void ServiceLink::follow_advice() {
    retry_timer_.disconnect();
    const auto now = std::chrono::steady_clock::now();
    const auto advice = resubscription_.next(now);
    if (advice.subscribe_now) {
        connect();
    } else if (advice.come_back_at) {
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*advice.come_back_at - now);
        retry_timer_ = Glib::signal_timeout().connect(
            [this] {
                retire_instance();
                follow_advice();
                return false;
            },
            static_cast<unsigned>(wait.count()));
    }
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
    resubscription_ = vitalsd::Resubscription();
    status_.notice = "Lost the connection to the session bus (" + why +
                     "); restart the monitor once the desktop's bus is back.";
    set_state(LinkStatus::State::BusGone);
}

}  // namespace vitalsd::monitor
