// SPDX-License-Identifier: MIT
// Reads /proc/loadavg, documented in https://man7.org/linux/man-pages/man5/proc_loadavg.5.html
#include "load.hpp"

#include <algorithm>

#include "parse.hpp"

namespace vitalsd {

LoadCollector::LoadCollector(const std::string& proc_root) : loadavg_(proc_root + "/loadavg") {
    for (const char* minutes : {"1", "5", "15"}) {
        sensors_.push_back(
            {std::string("load/") + minutes, "", std::string("Load ") + minutes + " min",
             std::string("Run queue length averaged over ") + minutes + " min", SensorKind::Gauge});
    }
}

bool LoadCollector::read(std::vector<RawSample>& out) {
    out.resize(sensors_.size());
    parse_loadavg(loadavg_.read().value_or(std::string_view{}), out);
    return false;
}

void parse_loadavg(std::string_view text, std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    for (auto& slot : out) {
        const auto value = parse::number<double>(parse::next_field(text));
        if (!value) {
            return;
        }
        slot = {*value};
    }
}

}  // namespace vitalsd
