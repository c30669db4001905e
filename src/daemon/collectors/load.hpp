// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// Fills out (load/1, load/5, load/15) from the text of /proc/loadavg.
void parse_loadavg(std::string_view text, std::span<RawSample> out);

/// The 1, 5 and 15 minute load averages from /proc/loadavg.
class LoadCollector final : public Collector {
public:
    explicit LoadCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    std::vector<SensorInfo> sensors_;
    ProcFile loadavg_;
};

}  // namespace vitalsd
