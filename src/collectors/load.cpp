// SPDX-License-Identifier: MIT
// Reads /proc/loadavg, documented in https://man7.org/linux/man-pages/man5/proc_loadavg.5.html
#include "load.hpp"

#include <algorithm>

#include "parse.hpp"

namespace vitalsd {

LoadCollector::LoadCollector(const std::string& proc_root) : loadavg_(proc_root + "/loadavg") {}

std::vector<SensorInfo> LoadCollector::sensors() const {
    std::vector<SensorInfo> out;
    for (const char* minutes : {"1", "5", "15"}) {
        out.push_back({std::string("load/") + minutes, "", std::string("Load ") + minutes + " min",
                       std::string("Run queue length averaged over ") + minutes + " min",
                       SensorKind::Gauge});
    }
    return out;
}

void LoadCollector::read(std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    const auto text_read = loadavg_.read();
    if (!text_read) {
        return;
    }
    auto text = *text_read;
    for (auto& slot : out) {
        const auto value = parse::number<double>(parse::next_field(text));
        if (!value) {
            return;
        }
        slot = {*value};
    }
}

}  // namespace vitalsd
