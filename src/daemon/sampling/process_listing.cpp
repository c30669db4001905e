// SPDX-License-Identifier: MIT
#include "process_listing.hpp"

#include "baseline_age.hpp"
#include "utf8.hpp"

namespace vitalsd {

ProcessListing::ProcessListing(ProcessTable& table, const Clock& clock, CommandLines command_lines)
    : table_(table), clock_(clock), command_lines_(command_lines) {}

bool ProcessListing::has_baseline() const {
    const auto scanned_usec = table_.last_scan_usec();
    const auto now_usec = clock_.monotonic_usec();
    return scanned_usec && *scanned_usec <= now_usec &&
           kProcessScanBaselineAge.admits(now_usec - *scanned_usec);
}

std::vector<ProcessRow> ProcessListing::list_for(uid_t caller) {
    auto rows = table_.scan();
    for (auto& row : rows) {
        const bool shown =
            command_lines_ == CommandLines::ShownToAll || caller == 0 || caller == row.uid;
        // Names and command lines are bytes; D-Bus strings must be UTF-8, or the whole reply
        // fails.
        row.name = to_valid_utf8(row.name);
        row.command_line = shown ? to_valid_utf8(row.command_line) : std::string();
    }
    return rows;
}

std::variant<std::vector<ProcessRow>, ProcessListing::Probe> ProcessListing::begin(uid_t caller) {
    if (has_baseline()) {
        return list_for(caller);
    }
    table_.scan();  // the baseline the CPU shares are measured from
    return Probe{caller};
}

std::vector<ProcessRow> ProcessListing::finish(const Probe& probe) {
    return list_for(probe.caller);
}

}  // namespace vitalsd
