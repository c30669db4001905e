// SPDX-License-Identifier: MIT
#include "service_link.hpp"

#include <glibmm/main.h>

#include <ctime>

#include "bus_error.hpp"
#include "bus_names.hpp"
#include "clock_now.hpp"
#include "name_owner.hpp"
#include "value_format.hpp"

namespace vitalsd::monitor {
namespace {

template <typename Row, typename Wire>
std::vector<Row> rows_from_wire(const std::vector<Wire>& wire) {
    std::vector<Row> rows;
    rows.reserve(wire.size());
    for (const auto& row : wire) {
        rows.push_back(vitalsd::from_wire(row));
    }
    return rows;
}

}  // namespace

ServiceLink::ServiceLink(sdbus::IConnection& connection, std::vector<std::string> sensors,
                         std::uint32_t interval_ms)
    : connection_(connection),
      sensors_(std::move(sensors)),
      interval_ms_(interval_ms),
      bus_(sdbus::createProxy(connection, vitalsd::kDBusName, vitalsd::kDBusPath)) {
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
            instance_->Stop();
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
    retire_instance();
    retire(std::move(activation_));
    try {
        activation_ = std::make_unique<AsyncVitalsProxy>(connection_, vitalsd::kServiceName);
        activation_->on_list_sensors_reply =
            [this, attempt](const sdbus::Error* error,
                            const std::vector<vitalsd::SensorRowWire>& sensors) {
                if (attempt != attempt_) {
                    return;
                }
                retire(std::move(activation_));  // its one call is answered
                if (error != nullptr) {
                    failed(*error);
                    return;
                }
                publish_sensors(sensors);
                find_owner(attempt);
            };
        activation_->ListSensors();
    } catch (const sdbus::Error& e) {
        failed(e);  // the connection failed: BusEventSource tells of it next
    }
}

void ServiceLink::find_owner(std::uint64_t attempt) {
    bus_->callMethodAsync("GetNameOwner")
        .onInterface(vitalsd::kDBusName)
        .withArguments(std::string(vitalsd::kServiceName))
        .uponReplyInvoke([this, attempt](const sdbus::Error* error, const std::string& owner) {
            if (attempt != attempt_) {
                return;
            }
            if (error != nullptr) {
                failed(*error);  // it left again at once
                return;
            }
            attach(owner, attempt);
        });
}

void ServiceLink::attach(const std::string& owner, std::uint64_t attempt) {
    status_.pid = 0;
    status_.version.clear();
    try {
        instance_ = std::make_unique<AsyncVitalsProxy>(connection_, owner);
    } catch (const sdbus::Error& e) {
        failed(e);  // the connection failed: BusEventSource tells of it next
        return;
    }
    owner_ = owner;
    wire_instance(attempt);
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
            fetch_version_and_history();
        });
}

void ServiceLink::wire_instance(std::uint64_t attempt) {
    wire_signals();
    wire_replies(attempt);
    wire_listing_replies(attempt);
}

void ServiceLink::wire_signals() {
    auto& instance = *instance_;
    instance.on_updated = [this](std::uint64_t timestamp, const AsyncVitalsProxy::Values& values) {
        if (subscribed() && on_update) {
            on_update(timestamp, values);
        }
    };
    // Sensors came or went (a hot-plugged device): a pattern subscription follows by itself, but
    // the window needs the new sensors' units and labels.
    instance.on_sensors_changed = [&instance] { instance.ListSensors(); };
}

void ServiceLink::wire_replies(std::uint64_t attempt) {
    auto& instance = *instance_;
    instance.on_list_sensors_reply = [this, attempt](
                                         const sdbus::Error* error,
                                         const std::vector<vitalsd::SensorRowWire>& sensors) {
        if (attempt != attempt_) {
            return;
        }
        if (error != nullptr) {
            failed(*error);
            return;
        }
        publish_sensors(sensors);
    };
    instance.on_version_reply = [this, attempt](const sdbus::Error* error,
                                                const std::string& version) {
        // Only shown in the status line: without it the window works as well.
        if (attempt == attempt_ && error == nullptr) {
            status_.version = version;
        }
    };
    instance.on_get_history_reply = [this, attempt](const sdbus::Error* error,
                                                    const std::vector<std::uint64_t>& timestamps,
                                                    const History& series) {
        if (attempt != attempt_) {
            return;
        }
        // A history too large to send (LimitExceeded) only means the graphs start empty.
        if (error == nullptr && on_history) {
            on_history(timestamps, series);
        }
        instance_->Start(interval_ms_, sensors_);
    };
    instance.on_start_reply = [this, attempt](const sdbus::Error* error) {
        if (attempt != attempt_) {
            return;
        }
        if (error != nullptr) {
            failed(*error);
            return;
        }
        went_live();
    };
}

void ServiceLink::wire_listing_replies(std::uint64_t attempt) {
    // After an error, or for an older attempt, the next refresh asks again.
    instance_->on_list_processes_reply = [this, attempt](
                                             const sdbus::Error* error,
                                             const std::vector<vitalsd::ProcessRowWire>& rows) {
        processes_pending_ = false;
        if (error == nullptr && attempt == attempt_ && on_processes) {
            on_processes(rows_from_wire<vitalsd::ProcessRow>(rows));
        }
    };
    instance_->on_list_applications_reply =
        [this, attempt](const sdbus::Error* error,
                        const std::vector<vitalsd::ApplicationRowWire>& rows) {
            applications_pending_ = false;
            if (error == nullptr && attempt == attempt_ && on_applications) {
                on_applications(rows_from_wire<vitalsd::ApplicationRow>(rows));
            }
        };
}

void ServiceLink::fetch_version_and_history() {
    instance_->ask_version();
    instance_->GetHistory(sensors_, history_since ? history_since() : 0);
}

void ServiceLink::went_live() {
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
}

void ServiceLink::publish_sensors(const std::vector<vitalsd::SensorRowWire>& sensors) {
    if (on_sensors) {
        on_sensors(vitalsd::from_wire(sensors));
    }
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
        forget_listings();
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
                follow_advice();
                return false;
            },
            static_cast<unsigned>(wait.count()));
    }
}

void ServiceLink::retire_instance() {
    retire(std::move(instance_));
    owner_.clear();
    forget_listings();
}

// The instance's replies to listings under way will never come: the next refresh asks again.
void ServiceLink::forget_listings() {
    processes_pending_ = false;
    applications_pending_ = false;
}

// Destroys the proxy from an idle rather than now: this may be one of its own callbacks.
void ServiceLink::retire(std::unique_ptr<AsyncVitalsProxy> proxy) {
    if (!proxy) {
        return;
    }
    retired_.push_back(std::move(proxy));
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
    instance_->ListProcesses();
}

void ServiceLink::refresh_applications() {
    if (!instance_ || applications_pending_) {
        return;
    }
    applications_pending_ = true;
    instance_->ListApplications();
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
