// SPDX-License-Identifier: MIT
// Reads /proc/meminfo, documented in https://docs.kernel.org/filesystems/proc.html ("meminfo"),
// and, where ZFS is loaded, the ARC's size and minimum from /proc/spl/kstat/zfs/arcstats (c_min
// is zfs_arc_min, the module parameter documented in
// https://openzfs.github.io/openzfs-docs/man/master/4/zfs.4.html).
#include "memory.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>

#include "parse.hpp"

namespace vitalsd {
namespace {

enum Key { MemTotal, MemFree, MemAvailable, Buffers, Cached, SwapTotal, SwapFree, kKeyCount };
constexpr std::array<std::string_view, kKeyCount> kKeys = {
    "MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapTotal:", "SwapFree:"};

// The order of the sensor list and of read()'s output.
enum Slot {
    PhysTotal,
    PhysUsed,
    PhysFree,
    PhysAvailable,
    PhysCached,
    PhysBuffers,
    PhysUsedPercent,
    SwapTotalSlot,
    SwapUsed,
    SwapFreeSlot,
    SwapUsedPercent,
    kSlotCount
};

double percent(double part, double whole) {
    return whole > 0 ? 100.0 * part / whole : 0.0;
}

// Returns the value of an arcstats line after its name (the type, then the value), or missing.
double statistic_value(std::string_view type_and_value) {
    parse::next_field(type_and_value);
    const auto value = parse::number<unsigned long long>(parse::next_field(type_and_value));
    return value ? static_cast<double>(*value) : kMissing;
}

// Counts the ARC above its minimum as cache, as htop, btop and netdata do: ZFS gives it back when
// memory runs short, yet the kernel counts it neither in Cached nor in MemAvailable, so that it
// shows as used. It moves out of used and into cached and available; used = total - available
// still holds. Nothing changes without both numbers or without a used to take it from, and never
// more than used moves (a container's meminfo may be smaller than the host's ARC).
void count_arc_as_cache(const ZfsArcSize& arc, std::span<RawSample> out) {
    if (std::isnan(arc.size) || std::isnan(arc.min) || !out[PhysUsed].present()) {
        return;
    }
    const double used = out[PhysUsed].a;
    const double shrinkable = std::clamp(arc.size - arc.min, 0.0, std::max(used, 0.0));
    out[PhysUsed] = {used - shrinkable};
    out[PhysUsedPercent] = {percent(used - shrinkable, out[PhysTotal].a)};
    out[PhysCached].a += shrinkable;
    out[PhysAvailable].a += shrinkable;
}

}  // namespace

MemoryCollector::MemoryCollector(const std::string& proc_root) : meminfo_(proc_root + "/meminfo") {
    // ZFS makes this file when its module loads; a machine without ZFS reads no more than before.
    const auto arcstats = proc_root + "/spl/kstat/zfs/arcstats";
    if (::access(arcstats.c_str(), F_OK) == 0) {
        arcstats_.emplace(arcstats);
    }
    const std::string arc = arcstats_ ? ", and the ZFS ARC above its minimum" : "";
    using K = SensorKind;
    sensors_ = {
        {"memory/physical/total", "B", "Memory total", "Usable physical memory (MemTotal)",
         K::Gauge},
        {"memory/physical/used", "B", "Memory used",
         "Memory in use: total less what is available to start new programs", K::Gauge},
        {"memory/physical/free", "B", "Memory free", "Memory not used at all (MemFree)", K::Gauge},
        {"memory/physical/available", "B", "Memory available",
         "Memory available to start new programs without swapping (MemAvailable" + arc + ")",
         K::Gauge},
        {"memory/physical/cached", "B", "Memory cached", "Page cache (Cached" + arc + ")",
         K::Gauge},
        {"memory/physical/buffers", "B", "Memory buffers", "Block device buffers (Buffers)",
         K::Gauge},
        {"memory/physical/usedPercent", "%", "Memory used", "Share of memory in use", K::Gauge},
        {"memory/swap/total", "B", "Swap total", "Swap space (SwapTotal)", K::Gauge},
        {"memory/swap/used", "B", "Swap used", "Swap space in use", K::Gauge},
        {"memory/swap/free", "B", "Swap free", "Swap space not in use (SwapFree)", K::Gauge},
        {"memory/swap/usedPercent", "%", "Swap used", "Share of swap space in use; 0 without swap",
         K::Gauge},
    };
}

bool MemoryCollector::read(std::vector<RawSample>& out) {
    out.resize(sensors_.size());
    parse_meminfo(meminfo_.read().value_or(std::string_view{}), out);
    if (arcstats_) {
        count_arc_as_cache(parse_arcstats(arcstats_->read().value_or(std::string_view{})), out);
    }
    return false;
}

void parse_meminfo(std::string_view text, std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    if (out.size() < kSlotCount) {
        return;
    }
    std::array<double, kKeyCount> kib;
    kib.fill(kMissing);
    // The keys wanted sit in the first twenty lines of some fifty: stop once all are found.
    std::size_t found = 0;
    while (!text.empty() && found < kKeyCount) {
        auto line = parse::next_line(text);
        const auto key = parse::next_field(line);
        const auto known = std::find(kKeys.begin(), kKeys.end(), key);
        if (known != kKeys.end()) {
            ++found;
            if (const auto value = parse::number<unsigned long long>(parse::next_field(line))) {
                kib[static_cast<std::size_t>(known - kKeys.begin())] = static_cast<double>(*value);
            }
        }
    }
    const auto bytes = [&](Key key) { return kib[key] * 1024.0; };

    if (!std::isnan(kib[MemTotal]) && !std::isnan(kib[MemAvailable])) {
        const double used = bytes(MemTotal) - bytes(MemAvailable);
        out[PhysUsed] = {used};
        out[PhysUsedPercent] = {percent(used, bytes(MemTotal))};
    }
    out[PhysTotal] = {bytes(MemTotal)};
    out[PhysFree] = {bytes(MemFree)};
    out[PhysAvailable] = {bytes(MemAvailable)};
    out[PhysCached] = {bytes(Cached)};
    out[PhysBuffers] = {bytes(Buffers)};
    if (!std::isnan(kib[SwapTotal]) && !std::isnan(kib[SwapFree])) {
        const double used = bytes(SwapTotal) - bytes(SwapFree);
        out[SwapUsed] = {used};
        out[SwapUsedPercent] = {percent(used, bytes(SwapTotal))};
    }
    out[SwapTotalSlot] = {bytes(SwapTotal)};
    out[SwapFreeSlot] = {bytes(SwapFree)};
}

ZfsArcSize parse_arcstats(std::string_view text) {
    // Two header lines (the kstat's own numbers, then "name type data"), then a line a statistic:
    // its name, its kstat type and its value. c_min comes a few lines before size, some forty
    // lines into some 120 to 150: stop once both are found.
    ZfsArcSize arc;
    bool size_seen = false;
    bool min_seen = false;
    while (!text.empty() && !(size_seen && min_seen)) {
        auto line = parse::next_line(text);
        const auto name = parse::next_field(line);
        if (name == "size" && !size_seen) {
            size_seen = true;
            arc.size = statistic_value(line);
        } else if (name == "c_min" && !min_seen) {
            min_seen = true;
            arc.min = statistic_value(line);
        }
    }
    return arc;
}

}  // namespace vitalsd
