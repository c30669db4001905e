// SPDX-License-Identifier: MIT
#include "applications.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "cgroup_files.hpp"
#include "parse.hpp"
#include "pressure.hpp"
#include "proc_file.hpp"
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

using File = CgroupTree::File;

constexpr std::uint64_t kListingIntervalUsec = 1'000'000;
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

constexpr std::array<FigureSource, ApplicationCollector::kFigures.size()> kSources = {{
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
    return {application.sensor_prefix + std::string(ApplicationCollector::kFigures[figure]),
            std::string(source.unit), name + " " + std::string(source.label),
            std::string(source.before) + describe(group) + std::string(source.after), source.kind};
}

double memory_bytes(std::optional<std::string_view> text) {
    const auto bytes =
        text ? parse::number<unsigned long long>(parse::trimmed(*text)) : std::nullopt;
    return bytes ? static_cast<double>(*bytes) : kMissing;
}

double stall_usec(std::optional<std::string_view> text) {
    return text ? parse_pressure(*text).some : kMissing;
}

// Calls fn for every node of a tree, parents before their children.
template <typename Fn>
void for_each_node(CgroupTree::Node& node, Fn&& fn) {
    fn(node);
    for (const auto& child : node.children()) {
        for_each_node(*child, fn);
    }
}

}  // namespace

ApplicationCollector::ApplicationCollector(const std::string& proc_root,
                                           const std::string& sys_root, const Clock& clock)
    : clock_(clock), listings_(clock, kListingIntervalUsec) {
    ProcFile mountinfo(proc_root + "/self/mountinfo");
    const auto hierarchy = find_cgroup_hierarchy(mountinfo.read().value_or(""), sys_root);
    if (!hierarchy) {
        return;
    }
    tree_ = std::make_unique<CgroupTree>(*hierarchy);
    if (tree_->root() == nullptr) {
        tree_.reset();  // mounted, but not where the service can open it
        return;
    }
    listings_.pass();
    tree_->refresh(removed_);
    relist();
}

ApplicationCollector::~ApplicationCollector() = default;

std::vector<std::string> ApplicationCollector::later_sensor_patterns() const {
    std::vector<std::string> patterns;
    for (const auto figure : kFigures) {
        patterns.push_back("app/*/" + std::string(figure));
    }
    return patterns;
}

std::size_t ApplicationCollector::index_of(const std::string& id) const {
    const auto found = std::lower_bound(applications_.begin(), applications_.end(), id,
                                        [](const Application& application, const std::string& key) {
                                            return application.group.id < key;
                                        });
    return found != applications_.end() && found->group.id == id
               ? static_cast<std::size_t>(found - applications_.begin())
               : kNone;
}

void ApplicationCollector::retire(const CgroupTree::Node& node) {
    if (!node.measured()) {
        return;
    }
    // Its parent's counters keep what it spent; its own group's sum loses it.
    const auto add = [](CgroupTree::Counters& to, const CgroupTree::Counters& what, double sign) {
        to.cpu_usec += sign * what.cpu_usec;
        to.read_bytes += sign * what.read_bytes;
        to.written_bytes += sign * what.written_bytes;
    };
    if (const auto own = index_of(node.group().id); own != kNone) {
        add(groups_[own].offset, node.last, 1);
    }
    if (const auto parent = index_of(node.parent()->group().id);
        parent != kNone && node.parent()->parent() != nullptr) {
        add(groups_[parent].offset, node.last, -1);
    }
}

void ApplicationCollector::relist() {
    std::unordered_map<std::string, CgroupTree::Counters> offsets;
    for (std::size_t i = 0; i < applications_.size(); ++i) {
        offsets.emplace(applications_[i].group.id, groups_[i].offset);
    }
    std::map<std::string, std::pair<Application, Group>> found;
    for_each_node(*tree_->root(), [&](CgroupTree::Node& node) {
        if (!node.starts()) {
            return;
        }
        const auto& group = *node.starts();
        auto [entry, added] = found.try_emplace(group.id);
        auto& [application, figures] = entry->second;
        if (added) {
            application.group = group;
            application.sensor_prefix = "app/" + id_segment(group.id) + "/";
            if (const auto offset = offsets.find(group.id); offset != offsets.end()) {
                figures.offset = offset->second;
            }
        }
        application.cgroups.push_back(node.path());
    });
    for_each_node(*tree_->root(), [&](CgroupTree::Node& node) {
        auto& figures = found.at(node.group().id).second;
        for (std::size_t figure = 0; figure < kFigures.size(); ++figure) {
            figures.has[figure] = figures.has[figure] || node.has(kSources[figure].file);
        }
    });
    applications_.clear();
    groups_.clear();
    sensors_.clear();
    for (auto& [id, entry] : found) {
        applications_.push_back(std::move(entry.first));
        groups_.push_back(entry.second);
        for (std::size_t figure = 0; figure < kFigures.size(); ++figure) {
            if (groups_.back().has[figure]) {
                sensors_.push_back(sensor_of(applications_.back(), figure));
            }
        }
    }
    members_.clear();
    for_each_node(*tree_->root(), [&](CgroupTree::Node& node) {
        const bool nested =
            node.measured() && node.parent() != nullptr && node.parent()->parent() != nullptr;
        members_.push_back({&node, index_of(node.group().id),
                            nested ? index_of(node.parent()->group().id) : kNone});
    });
}

bool ApplicationCollector::read(std::vector<RawSample>& out) {
    bool changed = false;
    if (tree_ != nullptr && listings_.pass() && tree_->refresh(removed_)) {
        for (const auto& node : removed_) {
            for_each_node(*node, [&](const CgroupTree::Node& gone) { retire(gone); });
        }
        removed_.clear();
        relist();
        changed = true;
    }
    for (auto& group : groups_) {
        group.sums.fill(0);
    }
    for (const auto& member : members_) {
        add_node(member);
    }
    write_samples(out);
    return changed;
}

void ApplicationCollector::add_node(const Member& member) {
    auto& node = *member.node;
    auto& sums = groups_[member.group].sums;
    // A cgroup gone since the listing has no processes left.
    const auto procs = tree_->read(node, File::Procs);
    sums[Processes] += static_cast<double>(procs ? count_listed_processes(*procs) : 0);
    if (!node.measured()) {
        return;  // its group's cgroup above it counts what it spends
    }
    const double cpu = parse_cpu_usage_usec(tree_->read(node, File::CpuStat).value_or(""));
    const auto io = node.has(File::IoStat)
                        ? parse_io_stat(tree_->read(node, File::IoStat).value_or(""))
                        : IoBytes{};
    const double memory = memory_bytes(tree_->read(node, File::MemoryCurrent));
    node.last = {std::isnan(cpu) ? node.last.cpu_usec : cpu,
                 std::isnan(io.read) ? node.last.read_bytes : io.read,
                 std::isnan(io.written) ? node.last.written_bytes : io.written};
    const std::array<std::pair<Figure, double>, 4> counted = {
        {{Cpu, cpu}, {Memory, memory}, {IoRead, io.read}, {IoWrite, io.written}}};
    for (const auto& [figure, value] : counted) {
        sums[figure] += value;
        if (member.parent_group != kNone) {
            groups_[member.parent_group].sums[figure] -= value;
        }
    }
    sums[CpuPressure] += stall_usec(tree_->read(node, File::CpuPressure));
    sums[MemoryPressure] += stall_usec(tree_->read(node, File::MemoryPressure));
    sums[IoPressure] += stall_usec(tree_->read(node, File::IoPressure));
}

void ApplicationCollector::write_samples(std::vector<RawSample>& out) const {
    out.assign(sensors_.size(), RawSample{});
    const auto now_usec = static_cast<double>(clock_.monotonic_usec());
    std::size_t slot = 0;
    for (const auto& group : groups_) {
        Values values = group.sums;
        values[Cpu] = (values[Cpu] + group.offset.cpu_usec) / kUsecPerPercentSecond;
        values[IoRead] += group.offset.read_bytes;
        values[IoWrite] += group.offset.written_bytes;
        // A cgroup read a moment after the one above it may have grown past it.
        values[Memory] = std::max(values[Memory], 0.0);
        for (std::size_t figure = 0; figure < kFigures.size(); ++figure) {
            if (!group.has[figure]) {
                continue;
            }
            const double value = values[figure];
            const bool share = figure >= CpuPressure;
            out[slot++] = std::isnan(value) ? RawSample{}
                          : share           ? RawSample{value, now_usec}
                                            : RawSample{value};
        }
    }
}

}  // namespace vitalsd
