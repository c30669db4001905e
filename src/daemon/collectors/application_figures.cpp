// SPDX-License-Identifier: MIT
#include "application_figures.hpp"

#include <algorithm>
#include <cmath>

#include "cgroup_files.hpp"
#include "parse.hpp"
#include "pressure.hpp"

namespace vitalsd {
namespace {

using File = CgroupTree::File;

// cpu.stat counts microseconds; a hundredth of a second of CPU time a second is 1 % of one CPU.
constexpr double kUsecPerPercentSecond = 10'000;

// Where each figure comes from and how its sensor reads: "<name> <label>", and as description
// "<before><the group><after>".
struct FigureSource {
    File file;
    std::string_view unit;
    std::string_view label;
    std::string_view before;
    std::string_view after;
    SensorKind kind;
};

constexpr std::string_view kStalled = "Share of time in which at least one task of ";

// In the order of kApplicationFigures.
constexpr std::array<FigureSource, kApplicationFigures.size()> kSources = {{
    {File::CpuStat, "%", "CPU", "CPU time of ", ", in % of one CPU", SensorKind::Rate},
    {File::MemoryCurrent, "B", "memory", "Memory charged to ",
     ", page cache included (memory.current)", SensorKind::Gauge},
    {File::IoStat, "B/s", "read", "Bytes read from block devices by ", "", SensorKind::Rate},
    {File::IoStat, "B/s", "written", "Bytes written to block devices by ", "", SensorKind::Rate},
    {File::Procs, "", "processes", "Number of processes of ", "", SensorKind::Gauge},
    {File::CpuPressure, "%", "CPU pressure", kStalled, " was stalled waiting for CPU",
     SensorKind::Share},
    {File::MemoryPressure, "%", "memory pressure", kStalled, " was stalled waiting for memory",
     SensorKind::Share},
    {File::IoPressure, "%", "I/O pressure", kStalled, " was stalled waiting for I/O",
     SensorKind::Share},
}};

struct SetRange {
    std::size_t first;
    std::size_t count;
};

// The figures of each set, by ApplicationFigureSet.
constexpr std::array<SetRange, 5> kSets = {{{0, 1}, {1, 1}, {2, 2}, {4, 1}, {5, 3}}};

std::string describe(const CgroupGroup& group) {
    if (group.kind == GroupKind::System) {
        return "the system (kernel threads, init and the slices)";
    }
    return std::string(kind_name(group.kind)) + " " + group.id;
}

SensorInfo sensor_of(const Application& application, std::size_t figure) {
    const auto& group = application.group;
    const auto& source = kSources[figure];
    const auto& name = group.hint.empty() ? group.id : group.hint;
    return {application.sensor_prefix + std::string(kApplicationFigures[figure]),
            std::string(source.unit), name + " " + std::string(source.label),
            std::string(source.before) + describe(group) + std::string(source.after), source.kind};
}

double memory_bytes(std::optional<std::string_view> text) {
    if (!text) {
        return 0;
    }
    const auto bytes = parse::number<unsigned long long>(parse::trimmed(*text));
    return bytes ? static_cast<double>(*bytes) : kMissing;
}

double stall_usec(std::optional<std::string_view> text) {
    return text ? parse_pressure(*text).some : 0;
}

// Keeps a counter's last value for the offsets; a failed read keeps the one before.
void remember(double& last, double value) {
    if (!std::isnan(value)) {
        last = value;
    }
}

}  // namespace

ApplicationFigureCollector::ApplicationFigureCollector(std::shared_ptr<ApplicationGroups> groups,
                                                       ApplicationFigureSet figures,
                                                       const Clock& clock)
    : groups_(std::move(groups)),
      set_(figures),
      first_(kSets[static_cast<std::size_t>(figures)].first),
      count_(kSets[static_cast<std::size_t>(figures)].count),
      clock_(clock) {
    relist();
}

std::vector<std::string> ApplicationFigureCollector::later_sensor_patterns() const {
    std::vector<std::string> patterns;
    for (std::size_t figure = first_; figure < first_ + count_; ++figure) {
        patterns.push_back("app/*/" + std::string(kApplicationFigures[figure]));
    }
    return patterns;
}

void ApplicationFigureCollector::relist() {
    const auto& applications = groups_->applications();
    sensors_.clear();
    served_.assign(applications.size(), 0);
    sums_.resize(applications.size());
    for (std::size_t group = 0; group < applications.size(); ++group) {
        for (std::size_t i = 0; i < count_; ++i) {
            if (groups_->has(group, kSources[first_ + i].file)) {
                served_[group] |= static_cast<std::uint8_t>(1u << i);
                sensors_.push_back(sensor_of(applications[group], first_ + i));
            }
        }
    }
    generation_ = groups_->generation();
}

bool ApplicationFigureCollector::measure(const ApplicationGroups::Member& member, Values& values) {
    auto& last = member.node->last;
    if (set_ == ApplicationFigureSet::Processes) {
        // A cgroup gone since the listing has no processes left.
        const auto procs = groups_->read(member, File::Procs);
        values[0] = static_cast<double>(procs ? count_listed_processes(*procs) : 0);
        return true;
    }
    if (!member.node->measured()) {
        return false;  // the cgroup above it that measures its group counts what it spends
    }
    // A file that cannot be read is one the cgroup lacks (its parent's controllers stop at it),
    // or one of a cgroup that went since the listing (the kernel fails its reads with ENODEV
    // until the listing retires it): either way it adds nothing new to its group. A counter
    // stays at its last reading, which its parent's counter keeps (and, once the cgroup is
    // retired, the offsets); a gauge and the stalls are 0, its parent's figure keeping what it
    // uses.
    switch (set_) {
        case ApplicationFigureSet::Cpu: {
            const auto text = groups_->read(member, File::CpuStat);
            values[0] = text ? parse_cpu_usage_usec(*text) : last.cpu_usec;
            remember(last.cpu_usec, values[0]);
            break;
        }
        case ApplicationFigureSet::Memory:
            values[0] = memory_bytes(groups_->read(member, File::MemoryCurrent));
            break;
        case ApplicationFigureSet::Io: {
            const auto text = groups_->read(member, File::IoStat);
            const auto io =
                text ? parse_io_stat(*text) : IoBytes{last.read_bytes, last.written_bytes};
            values = {io.read, io.written, 0};
            remember(last.read_bytes, io.read);
            remember(last.written_bytes, io.written);
            break;
        }
        case ApplicationFigureSet::Pressure:
            values = {stall_usec(groups_->read(member, File::CpuPressure)),
                      stall_usec(groups_->read(member, File::MemoryPressure)),
                      stall_usec(groups_->read(member, File::IoPressure))};
            break;
        case ApplicationFigureSet::Processes:
            break;
    }
    return true;
}

double ApplicationFigureCollector::kept_in_parent(const ApplicationGroups::Member& member,
                                                  std::size_t figure) const {
    // A counter whose file holds no number now: its parent's counter holds what it spent, as of
    // its last reading. A gauge is left to its parent's figure.
    const auto& last = member.node->last;
    switch (set_) {
        case ApplicationFigureSet::Cpu:
            return last.cpu_usec;
        case ApplicationFigureSet::Io:
            return figure == 0 ? last.read_bytes : last.written_bytes;
        case ApplicationFigureSet::Memory:
        case ApplicationFigureSet::Processes:
        case ApplicationFigureSet::Pressure:
            break;
    }
    return kMissing;
}

bool ApplicationFigureCollector::read(std::vector<RawSample>& out) {
    groups_->refresh();
    const bool changed = generation_ != groups_->generation();
    if (changed) {
        relist();
    }
    // Stall times are not counters of the cgroup alone; the others are subtracted from the
    // group above whose cgroup includes them.
    const bool nested_subtracted =
        set_ != ApplicationFigureSet::Pressure && set_ != ApplicationFigureSet::Processes;
    std::fill(sums_.begin(), sums_.end(), Values{});
    Values values{};
    for (const auto& member : groups_->members()) {
        if (!measure(member, values)) {
            continue;
        }
        for (std::size_t i = 0; i < count_; ++i) {
            sums_[member.group][i] += values[i];
            const double taken = std::isnan(values[i]) ? kept_in_parent(member, i) : values[i];
            if (nested_subtracted && member.parent_group != ApplicationGroups::kNone &&
                !std::isnan(taken)) {
                sums_[member.parent_group][i] -= taken;
            }
        }
    }

    out.assign(sensors_.size(), RawSample{});
    const auto now_usec = static_cast<double>(clock_.monotonic_usec());
    std::size_t slot = 0;
    for (std::size_t group = 0; group < sums_.size(); ++group) {
        auto sums = sums_[group];
        const auto& offset = groups_->offset(group);
        switch (set_) {
            case ApplicationFigureSet::Cpu:
                sums[0] = (sums[0] + offset.cpu_usec) / kUsecPerPercentSecond;
                break;
            case ApplicationFigureSet::Io:
                sums[0] += offset.read_bytes;
                sums[1] += offset.written_bytes;
                break;
            case ApplicationFigureSet::Memory:
                // A cgroup read a moment after the one above it may have grown past it.
                sums[0] = std::isnan(sums[0]) ? sums[0] : std::max(sums[0], 0.0);
                break;
            case ApplicationFigureSet::Processes:
            case ApplicationFigureSet::Pressure:
                break;
        }
        for (std::size_t i = 0; i < count_; ++i) {
            if ((served_[group] & (1u << i)) == 0) {
                continue;
            }
            const bool share = kSources[first_ + i].kind == SensorKind::Share;
            out[slot++] = std::isnan(sums[i]) ? RawSample{}
                          : share             ? RawSample{sums[i], now_usec}
                                              : RawSample{sums[i]};
        }
    }
    return changed;
}

std::vector<std::unique_ptr<Collector>> make_application_collectors(const std::string& proc_root,
                                                                    const std::string& sys_root,
                                                                    const Clock& clock) {
    auto groups = std::make_shared<ApplicationGroups>(proc_root, sys_root, clock);
    std::vector<std::unique_ptr<Collector>> collectors;
    for (const auto set :
         {ApplicationFigureSet::Cpu, ApplicationFigureSet::Memory, ApplicationFigureSet::Io,
          ApplicationFigureSet::Processes, ApplicationFigureSet::Pressure}) {
        collectors.push_back(std::make_unique<ApplicationFigureCollector>(groups, set, clock));
    }
    return collectors;
}

}  // namespace vitalsd
