// SPDX-License-Identifier: MIT
#include "pressure_line.hpp"

#include <cmath>

#include "value_format.hpp"

namespace vitalsd::monitor {

std::vector<PressureShare> pressure_line(const std::map<std::string, double>& latest) {
    static constexpr struct {
        const char* id;
        const char* caption;
    } kShares[] = {
        {"pressure/cpu/some", "CPU"},
        {"pressure/memory/some", "Memory"},
        {"pressure/io/some", "I/O"},
    };
    std::vector<PressureShare> line;
    bool waiting = false;
    for (const auto& share : kShares) {
        const auto found = latest.find(share.id);
        if (found == latest.end() || std::isnan(found->second)) {
            continue;
        }
        // What reads as 0.0 % is no wait worth a line.
        waiting = waiting || found->second >= 0.05;
        line.push_back({share.caption, vitalsd::human_value(found->second, "%")});
    }
    return waiting ? line : std::vector<PressureShare>{};
}

}  // namespace vitalsd::monitor
