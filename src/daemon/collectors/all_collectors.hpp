// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "clock.hpp"
#include "collector.hpp"

namespace vitalsd {

/// Returns one of every collector the service has, reading procfs and sysfs under the given
/// roots, in the order their sensors are listed; those that read some files only so often, and
/// the pressure collector for the wall time its stall counters are a share of, ask clock for the
/// time.
std::vector<std::unique_ptr<Collector>> make_all_collectors(const std::string& proc_root,
                                                            const std::string& sys_root,
                                                            const Clock& clock);

}  // namespace vitalsd
