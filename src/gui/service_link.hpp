// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>
#include <sigc++/connection.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "async_vitals_proxy.hpp"
#include "resubscription.hpp"
#include "sensor_directory.hpp"
#include "wire.hpp"

namespace vitalsd::monitor {

/// Where the window stands with the service.
struct LinkStatus {
    enum class State {
        Connecting,  ///< starting the service or subscribing
        Live,        ///< subscribed: updates come at the interval
        Paused,      ///< the window is hidden, so it unsubscribed
        Failed,      ///< the service cannot be reached now; trying again later
        Refused,     ///< the service refuses the subscription; trying again cannot help
        BusGone,     ///< the bus connection failed; nothing more can come
    };
    State state = State::Connecting;
    std::string version;    ///< of the instance subscribed with, once known
    std::uint32_t pid = 0;  ///< of that instance, once known
    /// A sentence for the person at the window about something that went wrong, or that went
    /// wrong and was mended; empty when there is nothing to tell.
    std::string notice;
};

/// The monitor's side of the interface, without blocking the window: every call is asynchronous
/// (AsyncVitalsProxy, or the bus's own methods) and answered from the GLib main loop (see
/// BusEventSource). It starts the service through its
/// well-known name, fetches the history, subscribes with Start, unsubscribes with Stop while
/// paused, and follows the owner of the name: when the instance it subscribed with goes away it
/// says so and starts and subscribes to a new one. When to subscribe again after a failure or a
/// refusal is vitalsd::Resubscription's rule, driven from GLib's timers.
class ServiceLink {
public:
    using History = std::map<std::string, std::vector<double>>;

    /// Watches the owner of the service's name on the connection (which must outlive the link);
    /// does not call the service before resume().
    ServiceLink(sdbus::IConnection& connection, std::vector<std::string> sensors,
                std::uint32_t interval_ms);
    ~ServiceLink();
    ServiceLink(const ServiceLink&) = delete;
    ServiceLink& operator=(const ServiceLink&) = delete;

    /// Starts the service if none runs, hands over its history newer than history_since() and
    /// subscribes; again whenever the instance changes, until pause().
    void resume();

    /// Ends the subscription (Stop) and stays quiet until resume().
    void pause();

    /// Asks for the process table (ListProcesses) unless a request is under way or no instance
    /// is known; the answer comes through on_processes.
    void refresh_processes();

    /// Asks for the groups of processes (ListApplications) unless a request is under way or no
    /// instance is known; the answer comes through on_applications.
    void refresh_applications();

    /// Records that the bus connection failed (BusEventSource's failure handler).
    void bus_failed(const std::string& why);

    const LinkStatus& status() const { return status_; }
    std::uint32_t interval_ms() const { return interval_ms_; }

    /// Returns the time (CLOCK_REALTIME, µs) after which history is wanted: what the window
    /// has not got yet.
    std::function<std::uint64_t()> history_since;
    std::function<void(const vitalsd::SensorDirectory&)> on_sensors;
    std::function<void(const std::vector<std::uint64_t>& timestamps_usec, const History& series)>
        on_history;
    std::function<void(std::uint64_t timestamp_usec, const std::map<std::string, double>& values)>
        on_update;
    std::function<void(std::vector<vitalsd::ProcessRow> processes)> on_processes;
    std::function<void(std::vector<vitalsd::ApplicationRow> applications)> on_applications;
    std::function<void()> on_status_changed;

private:
    void connect();
    void find_owner(std::uint64_t attempt);
    void attach(const std::string& owner, std::uint64_t attempt);
    // Sets what instance_'s signals and replies do; a reply to an older attempt does nothing.
    void wire_instance(std::uint64_t attempt);
    // Its signals: updates, and sensors that came or went.
    void wire_signals();
    // Its method replies: sensors, version, history, Start.
    void wire_replies(std::uint64_t attempt);
    // The replies to the listings a refresh asks for: processes and applications.
    void wire_listing_replies(std::uint64_t attempt);
    void fetch_version_and_history();
    void went_live();
    void publish_sensors(const std::vector<vitalsd::SensorRowWire>& sensors);
    void owner_changed(const std::string& old_owner, const std::string& new_owner);
    void failed(const sdbus::Error& error);
    // Does what resubscription_ says now: connects, or comes back when it says.
    void follow_advice();
    void retire_instance();
    void forget_listings();
    void retire(std::unique_ptr<AsyncVitalsProxy> proxy);
    // Start succeeded with instance_ and nothing has ended the subscription since.
    bool subscribed() const {
        return wanted_ && resubscription_.state() == vitalsd::Resubscription::State::Subscribed;
    }
    void set_state(LinkStatus::State state);

    sdbus::IConnection& connection_;
    const std::vector<std::string> sensors_;
    const std::uint32_t interval_ms_;
    std::unique_ptr<sdbus::IProxy> bus_;  // org.freedesktop.DBus
    sdbus::Slot owner_watch_;

    bool wanted_ = false;  // between resume() and pause()
    vitalsd::Resubscription resubscription_;
    std::uint64_t attempt_ = 0;  // bumped by each connect and pause: older replies are stale
    // Each attempt has proxies of its own, whose handlers know the attempt: the generated
    // methods send every reply to one handler, and a reply to an older attempt must be told
    // apart. By the service's name, whose first call activates it:
    std::unique_ptr<AsyncVitalsProxy> activation_;
    // By the unique name of the instance that answered, which never activates another:
    std::unique_ptr<AsyncVitalsProxy> instance_;
    std::string owner_;  // that unique name
    // Proxies that went stale, maybe inside one of their own callbacks, destroyed from an idle.
    std::vector<std::unique_ptr<AsyncVitalsProxy>> retired_;
    sigc::connection retire_idle_;
    bool processes_pending_ = false;
    bool applications_pending_ = false;

    sigc::connection retry_timer_;
    bool failing_ = false;        // the notice tells of a failure or a refusal
    std::uint32_t lost_pid_ = 0;  // the instance that went away under a subscription
    std::string lost_at_;

    LinkStatus status_;
};

}  // namespace vitalsd::monitor
