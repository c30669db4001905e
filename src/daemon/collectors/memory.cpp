// SPDX-License-Identifier: MIT
// Reads /proc/meminfo, documented in https://docs.kernel.org/filesystems/proc.html ("meminfo").
#include "memory.hpp"

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

}  // namespace

MemoryCollector::MemoryCollector(const std::string& proc_root) : meminfo_(proc_root + "/meminfo") {
    using K = SensorKind;
    sensors_ = {
        {"memory/physical/total", "B", "Memory total", "Usable physical memory (MemTotal)",
         K::Gauge},
        {"memory/physical/used", "B", "Memory used",
         "Memory in use: total less what is available to start new programs", K::Gauge},
        {"memory/physical/free", "B", "Memory free", "Memory not used at all (MemFree)", K::Gauge},
        {"memory/physical/available", "B", "Memory available",
         "Memory available to start new programs without swapping (MemAvailable)", K::Gauge},
        {"memory/physical/cached", "B", "Memory cached", "Page cache (Cached)", K::Gauge},
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

}  // namespace vitalsd
