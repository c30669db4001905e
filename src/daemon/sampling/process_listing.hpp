// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <variant>
#include <vector>

#include "clock.hpp"
#include "collectors/process_table.hpp"
#include "wire.hpp"

namespace vitalsd {

/// ListProcesses apart from D-Bus: every process with its CPU share measured over a window, and
/// with only the command lines the caller may see, its strings valid UTF-8 for the wire.
/// Single-threaded, like Monitor, whose probe window it shares.
class ProcessListing {
public:
    /// Whose command lines a caller sees.
    enum class CommandLines {
        /// Every process's: on the session bus, which only the user's own processes reach.
        ShownToAll,
        /// Those of its own processes, and to root every process's: on the system bus.
        ShownToOwnerAndRoot,
    };

    /// No process has this uid: a caller the bus cannot name sees no other user's command line.
    static constexpr uid_t kUnknownCaller = static_cast<uid_t>(-1);

    /// A listing waiting for its window: finish it with finish after Monitor::kProbeWindowUsec.
    struct Probe {
        uid_t caller = kUnknownCaller;
    };

    ProcessListing(ProcessTable& table, const Clock& clock, CommandLines command_lines);

    /// Returns whether a listing depends on who asks: only then is the caller's uid worth asking
    /// the bus for.
    bool depends_on_caller() const { return command_lines_ == CommandLines::ShownToOwnerAndRoot; }

    /// Lists the processes for caller now when the previous scan can serve as the baseline of
    /// their CPU shares; otherwise scans for that baseline and returns a probe.
    std::variant<std::vector<ProcessRow>, Probe> begin(uid_t caller);

    /// Returns the processes of a probe whose window has passed.
    std::vector<ProcessRow> finish(const Probe& probe);

private:
    bool has_baseline() const;
    std::vector<ProcessRow> list_for(uid_t caller);

    ProcessTable& table_;
    const Clock& clock_;
    CommandLines command_lines_;
};

}  // namespace vitalsd
