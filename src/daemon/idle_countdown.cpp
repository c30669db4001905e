// SPDX-License-Identifier: MIT
#include "idle_countdown.hpp"

namespace vitalsd {

IdleCountdown::IdleCountdown(const Clock& clock, std::uint32_t timeout_s)
    : clock_(clock), timeout_s_(timeout_s) {}

std::optional<std::uint64_t> IdleCountdown::restart(bool busy) {
    if (busy || timeout_s_ == 0) {
        deadline_usec_.reset();
    } else {
        deadline_usec_ = clock_.monotonic_usec() + std::uint64_t{timeout_s_} * 1'000'000u;
    }
    return deadline_usec_;
}

bool IdleCountdown::due() const {
    return deadline_usec_ && clock_.monotonic_usec() >= *deadline_usec_;
}

}  // namespace vitalsd
