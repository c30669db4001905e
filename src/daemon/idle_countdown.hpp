// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

#include "clock.hpp"

namespace vitalsd {

/// The rule of the idle exit, apart from the bus and the timer that carry it out: the service is
/// due to leave a whole timeout after its last call, and never while it is busy (clients
/// subscribed, replies pending) or when the timeout is zero.
class IdleCountdown {
public:
    IdleCountdown(const Clock& clock, std::uint32_t timeout_s);

    /// Starts the countdown again from now, or stops it while busy. Returns the deadline
    /// (CLOCK_MONOTONIC), none while stopped.
    std::optional<std::uint64_t> restart(bool busy);

    /// Returns the deadline, none while stopped.
    std::optional<std::uint64_t> deadline_usec() const { return deadline_usec_; }

    /// Tells whether the deadline has come without a restart since.
    bool due() const;

    std::uint32_t timeout_s() const { return timeout_s_; }

private:
    const Clock& clock_;
    std::uint32_t timeout_s_;
    std::optional<std::uint64_t> deadline_usec_;
};

}  // namespace vitalsd
