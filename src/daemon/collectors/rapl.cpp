// SPDX-License-Identifier: MIT
// Reads the RAPL zones of the powercap framework, documented in
// https://docs.kernel.org/power/powercap/powercap.html (Documentation/power/powercap/powercap.rst)
// and https://www.kernel.org/doc/Documentation/ABI/testing/sysfs-class-powercap: a zone's name,
// energy_uj (µJ) and max_energy_range_uj, the value after which energy_uj starts again at 0.
#include "rapl.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "directory_listing.hpp"
#include "parse.hpp"
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

constexpr std::string_view kZonePrefix = "intel-rapl:";

// Returns the number at the start of text, up to a ':' or the end, and removes it with the ':'.
std::optional<unsigned> take_number(std::string_view& text) {
    const auto end = std::min(text.find(':'), text.size());
    const auto digits = text.substr(0, end);
    text.remove_prefix(end == text.size() ? end : end + 1);
    if (digits.size() > 1 && digits.front() == '0') {
        return std::nullopt;
    }
    return parse::number<unsigned>(digits);
}

struct DomainSum {
    RaplDomain domain;
    std::string_view id;
    std::string_view label;
    std::string_view what;
};

constexpr std::array<DomainSum, 4> kSums = {{
    {RaplDomain::Package, "package", "CPU package power", "the CPU package"},
    {RaplDomain::Core, "core", "CPU cores power", "the CPU's cores"},
    {RaplDomain::Uncore, "uncore", "CPU uncore power",
     "the CPU's uncore, on client CPUs its integrated GPU"},
    {RaplDomain::Dram, "dram", "DRAM power", "the memory"},
}};

}  // namespace

std::optional<RaplZoneName> parse_rapl_zone(std::string_view entry) {
    if (!entry.starts_with(kZonePrefix) || entry.ends_with(':')) {
        return std::nullopt;
    }
    auto rest = entry.substr(kZonePrefix.size());
    RaplZoneName name;
    const auto zone = take_number(rest);
    if (!zone) {
        return std::nullopt;
    }
    name.zone = *zone;
    if (!rest.empty()) {
        name.subzone = take_number(rest);
        if (!name.subzone || !rest.empty()) {
            return std::nullopt;
        }
    }
    return name;
}

RaplDomain rapl_domain(std::string_view name) {
    if (name.starts_with("package-")) {
        return RaplDomain::Package;
    }
    if (name == "core") {
        return RaplDomain::Core;
    }
    if (name == "uncore") {
        return RaplDomain::Uncore;
    }
    return name == "dram" ? RaplDomain::Dram : RaplDomain::Other;
}

double wrapped_increase(double previous, double current, double range) {
    if (current >= previous) {
        return current - previous;
    }
    if (range > 0 && previous <= range && current >= 0) {
        return range - previous + current;
    }
    return 0.0;
}

RaplCollector::RaplCollector(const std::string& sys_root) {
    const auto dir = sys_root + "/class/powercap";
    for (const auto& entry : list_directory(dir)) {
        const auto place = parse_rapl_zone(entry);
        if (!place) {
            continue;
        }
        const auto zone_dir = dir + "/" + entry;
        Zone zone;
        zone.place = *place;
        zone.name = read_attribute(zone_dir + "/name").value_or("");
        zone.domain = rapl_domain(zone.name);
        if (zone.domain == RaplDomain::Other) {
            continue;
        }
        // Root's alone since Linux 5.10: without a udev rule (docs/sensors.md), EACCES here.
        zone.energy = SysfsAttribute(zone_dir + "/energy_uj");
        if (!zone.energy.is_open()) {
            continue;
        }
        const auto range = read_attribute(zone_dir + "/max_energy_range_uj");
        const auto range_uj = range ? parse::number<unsigned long long>(*range) : std::nullopt;
        zone.range_uj = range_uj ? static_cast<double>(*range_uj) : kMissing;
        zones_.push_back(std::move(zone));
    }
    // By number, not as the listing sorts names (intel-rapl:10 before intel-rapl:2).
    const auto order = [](const Zone& zone) {
        return std::tuple(zone.place.zone, zone.place.subzone.has_value(),
                          zone.place.subzone.value_or(0));
    };
    std::sort(zones_.begin(), zones_.end(),
              [&](const Zone& a, const Zone& b) { return order(a) < order(b); });
    describe();
}

void RaplCollector::describe() {
    std::vector<std::size_t> packages;
    for (std::size_t z = 0; z < zones_.size(); ++z) {
        if (zones_[z].domain == RaplDomain::Package) {
            packages.push_back(z);
        }
    }
    const auto several = packages.size() > 1 ? " (the sum over the packages)" : "";
    for (const auto& sum : kSums) {
        std::vector<std::size_t> zones;
        for (std::size_t z = 0; z < zones_.size(); ++z) {
            if (zones_[z].domain == sum.domain) {
                zones.push_back(z);
            }
        }
        if (zones.empty()) {
            continue;
        }
        sensors_.push_back({"power/cpu/" + std::string(sum.id), "W", std::string(sum.label),
                            "Power drawn by " + std::string(sum.what) + several + ", from RAPL's " +
                                std::string(sum.id) + " energy counter (powercap's energy_uj)",
                            SensorKind::Rate});
        sums_.push_back(std::move(zones));
    }
    if (packages.size() > 1) {
        for (const auto z : packages) {
            const auto& name = zones_[z].name;
            sensors_.push_back({"power/cpu/" + id_segment(name), "W", "CPU " + name + " power",
                                "Power drawn by CPU " + name +
                                    ", from RAPL's energy counter (powercap's energy_uj)",
                                SensorKind::Rate});
            sums_.push_back({z});
        }
    }
}

bool RaplCollector::read(std::vector<RawSample>& out) {
    for (auto& zone : zones_) {
        const auto energy = zone.energy.read_number<unsigned long long>();
        zone.fresh = energy.has_value();
        if (!energy) {
            continue;
        }
        const auto now = static_cast<double>(*energy);
        if (!std::isnan(zone.last_uj)) {
            zone.joules += wrapped_increase(zone.last_uj, now, zone.range_uj) / 1e6;
        }
        zone.last_uj = now;
    }
    out.resize(sensors_.size());
    for (std::size_t s = 0; s < sums_.size(); ++s) {
        double joules = 0;  // missing (NaN) when a zone could not be read
        for (const auto z : sums_[s]) {
            joules += zones_[z].fresh ? zones_[z].joules : kMissing;
        }
        out[s] = {joules};
    }
    return false;
}

}  // namespace vitalsd
