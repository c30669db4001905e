// SPDX-License-Identifier: MIT
#pragma once

#include "command_line.hpp"

namespace vitalsd::ctl {

/// Exit statuses; status follows the LSB's for init scripts (0 running, 3 not running, 4
/// unknown).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitNotRunning = 3;
inline constexpr int kExitStatusUnknown = 4;

// Each runs one command and returns the exit status. They throw sdbus::Error for a call that
// the bus or the service refused, which main reports in one line.

/// Whether the service runs, without activating it: 0 running, 3 not, 4 bus unreachable.
int run_status(const Invocation& invocation);
int run_start(const Invocation& invocation);
int run_stop(const Invocation& invocation);
int run_restart(const Invocation& invocation);
int run_sensors(const Invocation& invocation);
int run_get(const Invocation& invocation);
/// Runs until SIGINT or SIGTERM, then ends the subscription and returns 0.
int run_watch(const Invocation& invocation);
int run_top(const Invocation& invocation);
int run_history(const Invocation& invocation);

}  // namespace vitalsd::ctl
