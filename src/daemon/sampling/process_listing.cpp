// SPDX-License-Identifier: MIT
#include "process_listing.hpp"

#include "utf8.hpp"

namespace vitalsd {
namespace {

// The previous scan can serve as the baseline of the CPU shares when its age is in this range:
// old enough to measure, young enough to mean "now".
constexpr std::uint64_t kMinBaselineAgeUsec = 100'000;
constexpr std::uint64_t kMaxBaselineAgeUsec = 5'000'000;

}  // namespace

ProcessListing::ProcessListing(ProcessTable& table, const Clock& clock, CommandLines command_lines)
    : table_(table), clock_(clock), command_lines_(command_lines) {}

bool ProcessListing::has_baseline() const {
    const auto scanned_usec = table_.last_scan_usec();
    const auto now_usec = clock_.monotonic_usec();
    if (!scanned_usec || *scanned_usec > now_usec) {
        return false;
    }
    const auto age = now_usec - *scanned_usec;
    return age >= kMinBaselineAgeUsec && age <= kMaxBaselineAgeUsec;
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
