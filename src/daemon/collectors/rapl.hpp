// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collector.hpp"
#include "sysfs_attribute.hpp"

namespace vitalsd {

/// A zone of the powercap control type intel-rapl, as its entry in class/powercap names it:
/// intel-rapl:N, a top-level zone (a package, or psys), or intel-rapl:N:M, subzone M of zone N.
struct RaplZoneName {
    unsigned zone = 0;
    std::optional<unsigned> subzone;

    bool operator==(const RaplZoneName&) const = default;
};

/// Returns the zone an entry of class/powercap names, or nullopt for any other entry: the control
/// types themselves (intel-rapl, intel-rapl-mmio), the zones of the MMIO interface
/// (intel-rapl-mmio:N, which count the package's energy a second time), other control types
/// (dtpm) and numbers with a sign or a leading zero, which the kernel never writes.
std::optional<RaplZoneName> parse_rapl_zone(std::string_view entry);

/// What a RAPL zone measures, from its name file.
enum class RaplDomain {
    Package,  ///< "package-N", "package-N-die-M" on packages of several dies: the whole package
    Core,     ///< "core": the cores (PP0)
    Uncore,   ///< "uncore": on client CPUs the integrated GPU (PP1)
    Dram,     ///< "dram": the memory
    Other,    ///< "psys" (the platform: more than the CPU) and any name not known
};

/// Returns the domain a zone's name (trimmed) says.
RaplDomain rapl_domain(std::string_view name);

/// Returns how much a counter that counts from 0 to range and then wraps to 0 grew from previous
/// to current: current - previous; when it went down, range - previous + current, as it wrapped
/// once (it cannot have gone down by more than range); 0 when it went down and previous lies
/// beyond range or range is not known (missing or not above 0): a reset, counted as no change as
/// derive_value counts counters that go backwards. Two wraps between the readings cannot be seen.
double wrapped_increase(double previous, double current, double range);

/// CPU power from the RAPL zones of the powercap framework (intel_rapl_msr, on Intel CPUs and
/// since Linux 5.11 on AMD's), <sys>/class/powercap/intel-rapl:*: power/cpu/package,
/// power/cpu/core, power/cpu/uncore and power/cpu/dram in W, each the sum over the packages of
/// the zones of that domain that there are, and power/cpu/<zone's name> (package-0, package-1,
/// ...) for each package zone when there are several. psys and the MMIO interface's zones are
/// left out (see parse_rapl_zone, RaplDomain).
///
/// A zone counts energy_uj, in µJ, up to max_energy_range_uj and then wraps to 0 (262 kJ on Intel,
/// 65 kJ on AMD: every 44 minutes at 100 W, every 11 on AMD). The collector undoes the wraps at
/// every read (wrapped_increase) into a running total in J for each zone, and serves the sums of
/// those totals as counters (SensorKind::Rate), which therefore never wrap: a sum over packages,
/// whose counters wrap each at its own time, could not be unwrapped after the fact. A wrap is
/// seen as long as the collector is read at least once per wrap period: a client alone on an
/// interval longer than that (intervals go up to an hour) gets too low a value.
///
/// energy_uj can be read only by root since Linux 5.10 (CVE-2020-8694): a zone whose energy_uj
/// the service cannot open is left out, and a sensor with no zone left has no sensor at all. The
/// zones are found once, when the collector is made: they are the CPU's.
class RaplCollector final : public Collector {
public:
    explicit RaplCollector(const std::string& sys_root);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;

private:
    struct Zone {
        RaplZoneName place;
        std::string name;
        RaplDomain domain = RaplDomain::Other;
        SysfsAttribute energy;  // energy_uj
        double range_uj = kMissing;
        double last_uj = kMissing;  // at the last read that could read it
        double joules = 0;          // the running total since the collector was made
        bool fresh = false;         // read by the last read
    };

    void describe();

    std::vector<Zone> zones_;
    std::vector<SensorInfo> sensors_;
    std::vector<std::vector<std::size_t>> sums_;  // per sensor, the zones it adds
};

}  // namespace vitalsd
