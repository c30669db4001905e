// SPDX-License-Identifier: MIT
#pragma once

#include <variant>
#include <vector>

#include "collectors/application_groups.hpp"
#include "monitor.hpp"
#include "wire.hpp"

namespace vitalsd {

/// ListApplications apart from D-Bus: every group of processes with the figures of its app/
/// sensors, read once for the call (rates over a probe window when no recent reading serves),
/// its strings valid UTF-8 for the wire.
class ApplicationListing {
public:
    /// groups may be nullptr (a catalogue without them): the listing is then empty.
    ApplicationListing(Monitor& monitor, ApplicationGroups* groups);

    /// Lists the groups now when no rate needs a window; otherwise returns the probe to finish
    /// with finish after Monitor::kProbeWindowUsec. Groups that came since the last read are
    /// listed. Throws RequestError.
    std::variant<std::vector<ApplicationRow>, Monitor::Probe> begin();

    /// Returns the groups of a probe whose window has passed.
    std::vector<ApplicationRow> finish(Monitor::Probe& probe);

private:
    std::vector<ApplicationRow> rows(const TimedValues& values);

    Monitor& monitor_;
    ApplicationGroups* groups_;
};

}  // namespace vitalsd
