// SPDX-License-Identifier: MIT
// Reads /proc/pressure/{cpu,memory,io}, documented in
// https://docs.kernel.org/accounting/psi.html
#include "pressure.hpp"

#include "parse.hpp"

namespace vitalsd {
namespace {

struct Resource {
    std::string_view file;   // under <proc>/pressure
    std::string_view label;  // for the sensor's label: "CPU pressure (some)"
    std::string_view what;   // what the tasks wait for: "waiting for CPU"
};

constexpr std::array<Resource, 3> kResources = {{
    {"cpu", "CPU", "CPU"},
    {"memory", "Memory", "memory"},
    {"io", "I/O", "I/O"},
}};

constexpr double kMicrosecondsPerSecond = 1e6;

// Returns the number after "total=" among the fields of a line, or missing.
double total_of(std::string_view fields) {
    constexpr std::string_view kTotal = "total=";
    for (auto field = parse::next_field(fields); !field.empty();
         field = parse::next_field(fields)) {
        if (field.starts_with(kTotal)) {
            const auto usec = parse::number<unsigned long long>(field.substr(kTotal.size()));
            return usec ? static_cast<double>(*usec) : kMissing;
        }
    }
    return kMissing;
}

// A stall counter and the clock it is a share of; missing when the counter is.
RawSample share_of_wall_time(double stall_usec, double now_usec) {
    return std::isnan(stall_usec) ? RawSample{} : RawSample{stall_usec, now_usec};
}

}  // namespace

PressureCollector::PressureCollector(const std::string& proc_root, const Clock& clock)
    : clock_(clock),
      files_{ProcFile(proc_root + "/pressure/cpu"), ProcFile(proc_root + "/pressure/memory"),
             ProcFile(proc_root + "/pressure/io")} {
    static_assert(kResources.size() == PressureCollector::kResourceCount);
    for (std::size_t i = 0; i < kResources.size(); ++i) {
        const auto& resource = kResources[i];
        // Without PSI the file is absent; booted with psi=0 reading it fails (EOPNOTSUPP).
        const auto totals = parse_pressure(files_[i].read().value_or(std::string_view{}));
        lines_[i] = {!std::isnan(totals.some),
                     !std::isnan(totals.some) && !std::isnan(totals.full)};
        const auto id = "pressure/" + std::string(resource.file);
        const auto label = std::string(resource.label) + " pressure";
        const auto waiting = " stalled waiting for " + std::string(resource.what);
        if (lines_[i].some) {
            sensors_.push_back({id + "/some", "%", label + " (some)",
                                "Share of time in which at least one task was" + waiting,
                                SensorKind::Share});
        }
        if (lines_[i].full) {
            sensors_.push_back(
                {id + "/full", "%", label + " (full)",
                 "Share of time in which all non-idle tasks were" + waiting + " at once",
                 SensorKind::Share});
        }
        if (lines_[i].some) {
            sensors_.push_back({id + "/totalSome", "s", label + " (some), total",
                                "Seconds since boot in which at least one task was" + waiting,
                                SensorKind::Gauge});
        }
        if (lines_[i].full) {
            sensors_.push_back(
                {id + "/totalFull", "s", label + " (full), total",
                 "Seconds since boot in which all non-idle tasks were" + waiting + " at once",
                 SensorKind::Gauge});
        }
    }
}

bool PressureCollector::read(std::vector<RawSample>& out) {
    out.resize(sensors_.size());
    const auto now_usec = static_cast<double>(clock_.monotonic_usec());
    std::size_t slot = 0;
    for (std::size_t i = 0; i < kResources.size(); ++i) {
        if (!lines_[i].some) {
            continue;
        }
        const auto totals = parse_pressure(files_[i].read().value_or(std::string_view{}));
        out[slot++] = share_of_wall_time(totals.some, now_usec);
        if (lines_[i].full) {
            out[slot++] = share_of_wall_time(totals.full, now_usec);
        }
        out[slot++] = {totals.some / kMicrosecondsPerSecond};
        if (lines_[i].full) {
            out[slot++] = {totals.full / kMicrosecondsPerSecond};
        }
    }
    return false;
}

PressureTotals parse_pressure(std::string_view text) {
    PressureTotals totals;
    while (!text.empty()) {
        auto line = parse::next_line(text);
        const auto key = parse::next_field(line);
        if (key == "some" && std::isnan(totals.some)) {
            totals.some = total_of(line);
        } else if (key == "full" && std::isnan(totals.full)) {
            totals.full = total_of(line);
        }
    }
    return totals;
}

}  // namespace vitalsd
