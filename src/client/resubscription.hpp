// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vitalsd {

/// When a client subscribes (Start) to the service, and when again: the service exits when idle,
/// crashes and is restarted, and a subscription ends with the instance that held it. A state
/// machine without I/O or clock of its own: the client tells it what happened and asks it what to
/// do now; vitalsctl watch drives it from its poll loop, the monitor from the GLib main loop.
///
/// The rule:
/// - Subscribe at once at the start, and at once when the instance subscribed with gives up the
///   name (idle exit, crash, restart): the call starts a new instance through the bus.
/// - After an attempt that failed in a way that may pass (the bus could not start the service, it
///   did not answer, it left halfway), subscribe again after a delay: 1 s, doubled after each
///   failure up to 30 s, back to 1 s once a subscription holds. A broken installation then costs
///   a wake-up every half minute, no more.
/// - After a refusal (is_refusal(): an unknown sensor, an interval below the minimum, a call that
///   the running version does not know), not again as time passes: the answer would be the same.
/// - While waiting after either, subscribe at once when a new instance takes the name: somebody
///   started the service, perhaps another version, and it may well accept. The instance that
///   failed or refused leaving is no such news, nor is one that took the name and left again
///   before the client looked.
/// - While an attempt is under way, changes of owner wait for its outcome: it ends in a
///   subscription or in an error of its own.
class Resubscription {
public:
    using Clock = std::chrono::steady_clock;

    /// The delay after the first failed attempt, doubled after each further one up to the longest.
    static constexpr Clock::duration kFirstDelay = std::chrono::seconds(1);
    static constexpr Clock::duration kLongestDelay = std::chrono::seconds(30);

    enum class State {
        Due,         ///< not subscribed: subscribe now
        Attempting,  ///< an attempt to subscribe is under way
        Subscribed,  ///< Start succeeded with an instance that still owns the name
        Retrying,    ///< the last attempt failed: subscribe when the delay is over
        Refused,     ///< the service refused: subscribe only when a new instance comes
    };

    /// What the client is to do now.
    struct Advice {
        bool subscribe_now = false;
        /// When to ask again though nothing happens in between; none: at the next event.
        std::optional<Clock::time_point> come_back_at;
    };

    /// Records that the client calls Start now, as next() told it to.
    void attempt_started();

    /// Records that Start succeeded with the instance whose unique name is owner.
    void subscribed(const std::string& owner);

    /// Records that the attempt (or the subscription) failed at time now with the D-Bus error
    /// named error_name.
    void failed(std::string_view error_name, Clock::time_point now);

    /// Records that the service's name changed hands (NameOwnerChanged); an empty owner is none.
    void owner_changed(const std::string& old_owner, const std::string& new_owner);

    /// Returns what to do at time now.
    Advice next(Clock::time_point now) const;

    State state() const { return state_; }

    /// Returns the delay that the last failure set, zero before any and after a subscription.
    Clock::duration retry_delay() const { return delay_; }

private:
    bool new_owner_since_failure() const;

    State state_ = State::Due;
    std::string subscribed_with_;   // the unique name of the instance Start succeeded with
    std::string name_owner_;        // as the last change told, or that instance, whichever is later
    std::string owner_at_failure_;  // name_owner_ when the last attempt failed
    Clock::duration delay_{};
    Clock::time_point retry_at_{};
};

}  // namespace vitalsd
