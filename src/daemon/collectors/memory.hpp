// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "collector.hpp"
#include "proc_file.hpp"

namespace vitalsd {

/// Fills out (the sensors of MemoryCollector, in order) from the text of /proc/meminfo.
void parse_meminfo(std::string_view text, std::span<RawSample> out);

/// The size of the ZFS ARC (the Adaptive Replacement Cache) and the minimum it never shrinks
/// below, in bytes.
struct ZfsArcSize {
    double size = kMissing;  ///< `size`; missing without that line or when it is not a number
    double min = kMissing;   ///< `c_min`; the same
};

/// Returns the `size` and `c_min` of the text of ZFS's arcstats kstat.
ZfsArcSize parse_arcstats(std::string_view text);

/// Physical memory and swap from /proc/meminfo, in bytes, and the share in use. Where ZFS is
/// loaded (<proc>/spl/kstat/zfs/arcstats exists at construction), the ARC above its minimum,
/// which the kernel counts as used, is counted as cache: out of used, into cached and available.
class MemoryCollector final : public Collector {
public:
    explicit MemoryCollector(const std::string& proc_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    std::vector<SensorInfo> sensors_;
    ProcFile meminfo_;
    std::optional<ProcFile> arcstats_;  // only where ZFS is loaded
};

}  // namespace vitalsd
