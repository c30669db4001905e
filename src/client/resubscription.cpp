// SPDX-License-Identifier: MIT
#include "resubscription.hpp"

#include <algorithm>

#include "bus_error.hpp"

namespace vitalsd {

void Resubscription::attempt_started() {
    state_ = State::Attempting;
}

void Resubscription::subscribed(const std::string& owner) {
    state_ = State::Subscribed;
    subscribed_with_ = owner;
    name_owner_ = owner;
    delay_ = Clock::duration::zero();
}

void Resubscription::failed(std::string_view error_name, Clock::time_point now) {
    owner_at_failure_ = name_owner_;
    if (is_refusal(error_name)) {
        state_ = State::Refused;
        return;
    }
    delay_ = std::clamp(delay_ * 2, kFirstDelay, kLongestDelay);
    retry_at_ = now + delay_;
    state_ = State::Retrying;
}

void Resubscription::owner_changed(const std::string& old_owner, const std::string& new_owner) {
    name_owner_ = new_owner;
    // Only the instance subscribed with giving the name up ends the subscription; a change that
    // names another old owner is older news that arrived late.
    if (state_ == State::Subscribed && old_owner == subscribed_with_) {
        state_ = State::Due;
    }
}

Resubscription::Advice Resubscription::next(Clock::time_point now) const {
    switch (state_) {
        case State::Due:
            return {true, std::nullopt};
        case State::Attempting:
        case State::Subscribed:
            return {false, std::nullopt};
        case State::Retrying:
            if (now >= retry_at_ || new_owner_since_failure()) {
                return {true, std::nullopt};
            }
            return {false, retry_at_};
        case State::Refused:
            return {new_owner_since_failure(), std::nullopt};
    }
    return {false, std::nullopt};
}

// Compares owners rather than counting changes: an instance that took the name and left again
// before the client looked (one that crashes as it starts) leaves no new owner behind.
bool Resubscription::new_owner_since_failure() const {
    return !name_owner_.empty() && name_owner_ != owner_at_failure_;
}

}  // namespace vitalsd
