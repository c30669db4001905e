// SPDX-License-Identifier: MIT
// The names, types and labels are node_exporter's where it has the same figure
// (https://github.com/prometheus/node_exporter, collector/), so that dashboards made for it work.
#include "node_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>

#include "utf8.hpp"

namespace vitalsd {
namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

struct FamilyInfo {
    std::string_view name;
    MetricType type;
    std::string_view unit;
    std::string_view help;
};

constexpr auto kCounter = MetricType::Counter;
constexpr auto kGauge = MetricType::Gauge;

// The families in the order of the exposition.
enum Family : std::size_t {
    CpuSeconds,
    CpuFrequency,
    CpuTemperature,
    MemTotal,
    MemFree,
    MemAvailable,
    Cached,
    Buffers,
    SwapTotal,
    SwapFree,
    Load1,
    Load5,
    Load15,
    NetworkReceive,
    NetworkTransmit,
    DiskRead,
    DiskWritten,
    FsSize,
    FsAvail,
    FsFree,
    HwmonTemp,
    PowerCapacity,
    PowerDischarge,
    CpuWaiting,
    MemoryWaiting,
    MemoryStalled,
    IoWaiting,
    IoStalled,
    ContextSwitches,
    Interrupts,
    Forks,
    ProcsRunning,
    Processes,
    Threads,
    BootTime,
    Time,
    AppMemory,
    AppProcesses,
    kFamilyCount
};

constexpr std::array<FamilyInfo, kFamilyCount> kFamilies = {{
    {"node_cpu_seconds", kCounter, "seconds", "Seconds the CPUs spent in each mode."},
    {"node_cpu_scaling_frequency_hertz", kGauge, "hertz", "Current scaled CPU frequency."},
    {"vitals_cpu_temperature_celsius", kGauge, "celsius",
     "Temperature of the CPU package, else of its hottest core."},
    {"node_memory_MemTotal_bytes", kGauge, "bytes", "Memory information field MemTotal_bytes."},
    {"node_memory_MemFree_bytes", kGauge, "bytes", "Memory information field MemFree_bytes."},
    {"node_memory_MemAvailable_bytes", kGauge, "bytes",
     "Memory information field MemAvailable_bytes."},
    {"node_memory_Cached_bytes", kGauge, "bytes", "Memory information field Cached_bytes."},
    {"node_memory_Buffers_bytes", kGauge, "bytes", "Memory information field Buffers_bytes."},
    {"node_memory_SwapTotal_bytes", kGauge, "bytes", "Memory information field SwapTotal_bytes."},
    {"node_memory_SwapFree_bytes", kGauge, "bytes", "Memory information field SwapFree_bytes."},
    {"node_load1", kGauge, "", "1m load average."},
    {"node_load5", kGauge, "", "5m load average."},
    {"node_load15", kGauge, "", "15m load average."},
    {"node_network_receive_bytes", kCounter, "bytes", "Network device statistic receive_bytes."},
    {"node_network_transmit_bytes", kCounter, "bytes", "Network device statistic transmit_bytes."},
    {"node_disk_read_bytes", kCounter, "bytes", "The total number of bytes read successfully."},
    {"node_disk_written_bytes", kCounter, "bytes",
     "The total number of bytes written successfully."},
    {"node_filesystem_size_bytes", kGauge, "bytes", "Filesystem size in bytes."},
    {"node_filesystem_avail_bytes", kGauge, "bytes",
     "Filesystem space available to non-root users in bytes."},
    {"node_filesystem_free_bytes", kGauge, "bytes", "Filesystem free space in bytes."},
    {"node_hwmon_temp_celsius", kGauge, "celsius", "Hardware monitor for temperature (input)."},
    {"node_power_supply_capacity", kGauge, "", "capacity value of /sys/class/power_supply/<name>."},
    {"vitals_power_supply_discharge_watts", kGauge, "watts",
     "Power drawn from a battery: positive while discharging, negative while charging."},
    {"node_pressure_cpu_waiting_seconds", kCounter, "seconds",
     "Total time in seconds that processes have waited for CPU time."},
    {"node_pressure_memory_waiting_seconds", kCounter, "seconds",
     "Total time in seconds that processes have waited for memory."},
    {"node_pressure_memory_stalled_seconds", kCounter, "seconds",
     "Total time in seconds no process could make progress due to memory congestion."},
    {"node_pressure_io_waiting_seconds", kCounter, "seconds",
     "Total time in seconds that processes have waited due to IO congestion."},
    {"node_pressure_io_stalled_seconds", kCounter, "seconds",
     "Total time in seconds no process could make progress due to IO congestion."},
    {"node_context_switches", kCounter, "", "Total number of context switches."},
    {"node_intr", kCounter, "", "Total number of interrupts serviced."},
    {"node_forks", kCounter, "", "Total number of forks."},
    {"node_procs_running", kGauge, "", "Number of processes in runnable state."},
    {"vitals_processes", kGauge, "", "Number of processes."},
    {"vitals_threads", kGauge, "", "Number of threads of all processes."},
    {"node_boot_time_seconds", kGauge, "seconds", "Node boot time, in unixtime."},
    {"node_time_seconds", kGauge, "seconds", "System time in seconds since epoch (1970)."},
    {"vitals_app_memory_bytes", kGauge, "bytes",
     "Memory charged to a group of processes (an application, service, container or session)."},
    {"vitals_app_processes", kGauge, "", "Number of processes of a group of processes."},
}};

// A sensor shown as one sample of a family, its wildcard segments as the labels named.
struct Rule {
    std::string_view pattern;  // segments; '*' stands for a device and becomes a label
    Family family;
    std::array<std::string_view, 2> labels;
    double scale = 1;
    // A sensor that the service may not have (no CPU sensor, no pressure stall information),
    // which is asked for with a '*' as its second segment: an id that does not exist is an
    // error, a pattern that matches nothing is not.
    bool optional = false;
};

constexpr Rule kRules[] = {
    {"cpu/*/seconds/*", CpuSeconds, {"cpu", "mode"}},
    {"cpu/*/frequency", CpuFrequency, {"cpu"}, 1e6},
    {"cpu/all/temperature", CpuTemperature, {}, 1, true},
    {"memory/physical/total", MemTotal, {}},
    {"memory/physical/free", MemFree, {}},
    {"memory/physical/available", MemAvailable, {}},
    {"memory/physical/cached", Cached, {}},
    {"memory/physical/buffers", Buffers, {}},
    {"memory/swap/total", SwapTotal, {}},
    {"memory/swap/free", SwapFree, {}},
    {"load/1", Load1, {}},
    {"load/5", Load5, {}},
    {"load/15", Load15, {}},
    {"network/*/totalDownload", NetworkReceive, {"device"}},
    {"network/*/totalUpload", NetworkTransmit, {"device"}},
    {"disk/*/totalRead", DiskRead, {"device"}},
    {"disk/*/totalWritten", DiskWritten, {"device"}},
    {"temperature/*/*", HwmonTemp, {"chip", "sensor"}},
    {"power/*/charge", PowerCapacity, {"power_supply"}},
    {"power/*/rate", PowerDischarge, {"power_supply"}},
    {"pressure/cpu/totalSome", CpuWaiting, {}, 1, true},
    {"pressure/memory/totalSome", MemoryWaiting, {}, 1, true},
    {"pressure/memory/totalFull", MemoryStalled, {}, 1, true},
    {"pressure/io/totalSome", IoWaiting, {}, 1, true},
    {"pressure/io/totalFull", IoStalled, {}, 1, true},
    {"system/totalContextSwitches", ContextSwitches, {}},
    {"system/totalInterrupts", Interrupts, {}},
    {"system/totalForks", Forks, {}},
    {"system/running", ProcsRunning, {}},
    {"system/processes", Processes, {}},
    {"system/threads", Threads, {}},
};

std::vector<std::string_view> split(std::string_view id) {
    std::vector<std::string_view> segments;
    while (true) {
        const auto slash = id.find('/');
        segments.push_back(id.substr(0, slash));
        if (slash == std::string_view::npos) {
            return segments;
        }
        id.remove_prefix(slash + 1);
    }
}

// Returns the segments of id that the pattern's wildcards stand for, or nothing when it does
// not match.
std::optional<std::vector<std::string_view>> match(std::string_view pattern, std::string_view id) {
    const auto want = split(pattern);
    const auto have = split(id);
    if (want.size() != have.size()) {
        return std::nullopt;
    }
    std::vector<std::string_view> wildcards;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i] == "*") {
            wildcards.push_back(have[i]);
        } else if (want[i] != have[i]) {
            return std::nullopt;
        }
    }
    return wildcards;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

std::string unescape_segment(std::string_view segment) {
    std::string out;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] == '%' && i + 2 < segment.size() && hex_digit(segment[i + 1]) >= 0 &&
            hex_digit(segment[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(segment[i + 1]) * 16 + hex_digit(segment[i + 2]));
            i += 2;
        } else {
            out += segment[i];
        }
    }
    return out;
}

// Adds the sample of a sensor that a rule shows; returns whether one did.
bool add_by_rule(const std::string& id, double value, std::vector<MetricFamily>& families) {
    for (const auto& rule : kRules) {
        const auto wildcards = match(rule.pattern, id);
        if (!wildcards) {
            continue;
        }
        Labels labels;
        for (std::size_t i = 0; i < wildcards->size(); ++i) {
            std::string segment((*wildcards)[i]);
            if (segment == "all") {
                return true;  // the totals over all devices: Prometheus sums itself
            }
            if (rule.labels[i] == "cpu") {
                segment = segment.substr(segment.starts_with("cpu") ? 3 : 0);
            }
            labels.emplace_back(rule.labels[i],
                                rule.labels[i] == "mode" ? segment : device_from_segment(segment));
        }
        families[rule.family].samples.push_back({std::move(labels), value * rule.scale});
        return true;
    }
    return false;
}

double value_of(const std::map<std::string, double>& values, const std::string& id) {
    const auto found = values.find(id);
    return found == values.end() ? std::nan("") : found->second;
}

void add_file_systems(const std::map<std::string, double>& values,
                      const std::map<std::string, MountSource>& mounts,
                      std::vector<MetricFamily>& families) {
    for (const auto& [id, value] : values) {
        const auto wildcards = match("fs/*/total", id);
        if (!wildcards) {
            continue;
        }
        const std::string segment((*wildcards)[0]);
        const auto mount_point = mount_point_from_segment(segment);
        const auto source = mounts.find(mount_point);
        const auto label = [&](std::string text) {
            return is_valid_utf8(text) ? text : to_valid_utf8(text);
        };
        const Labels labels = {
            {"device", source == mounts.end() ? "" : label(source->second.device)},
            {"fstype", source == mounts.end() ? "" : label(source->second.fs_type)},
            {"mountpoint", label(mount_point)}};
        const auto prefix = "fs/" + segment + "/";
        const double avail = value_of(values, prefix + "free");
        const double used = value_of(values, prefix + "used");
        families[FsSize].samples.push_back({labels, value});
        if (!std::isnan(avail)) {
            families[FsAvail].samples.push_back({labels, avail});
        }
        if (!std::isnan(used)) {
            families[FsFree].samples.push_back({labels, value - used});
        }
    }
}

// The groups of processes with the most memory, at most max of them, each with its figures.
void add_applications(const std::map<std::string, double>& values, std::size_t max,
                      std::vector<MetricFamily>& families) {
    std::vector<std::pair<double, std::string>> by_memory;
    for (const auto& [id, value] : values) {
        if (const auto wildcards = match("app/*/memory", id)) {
            by_memory.emplace_back(value, std::string((*wildcards)[0]));
        } else if (const auto counted = match("app/*/processes", id)) {
            const std::string segment((*counted)[0]);
            if (!values.contains("app/" + segment + "/memory")) {
                by_memory.emplace_back(0, segment);  // a group without the memory controller
            }
        }
    }
    std::sort(by_memory.begin(), by_memory.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    by_memory.resize(std::min(by_memory.size(), max));
    std::sort(by_memory.begin(), by_memory.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [memory, segment] : by_memory) {
        const Labels labels = {{"app", device_from_segment(segment)}};
        const auto prefix = "app/" + segment + "/";
        if (values.contains(prefix + "memory")) {
            families[AppMemory].samples.push_back({labels, memory});
        }
        const double processes = value_of(values, prefix + "processes");
        if (!std::isnan(processes)) {
            families[AppProcesses].samples.push_back({labels, processes});
        }
    }
}

}  // namespace

std::string device_from_segment(const std::string& segment) {
    auto name = unescape_segment(segment);
    return is_valid_utf8(name) ? name : segment;
}

std::string mount_point_from_segment(const std::string& segment) {
    return segment == "root" ? "/" : "/" + unescape_segment(segment);
}

std::vector<std::string> exported_sensor_patterns(const ExportOptions& options) {
    std::vector<std::string> patterns;
    for (const auto& rule : kRules) {
        std::string pattern(rule.pattern);
        if (rule.optional) {
            const auto first = pattern.find('/');
            pattern.replace(first + 1, pattern.find('/', first + 1) - first - 1, "*");
        }
        if (std::find(patterns.begin(), patterns.end(), pattern) == patterns.end()) {
            patterns.push_back(std::move(pattern));
        }
    }
    for (const char* pattern : {"fs/*/total", "fs/*/free", "fs/*/used", "system/uptime"}) {
        patterns.emplace_back(pattern);
    }
    if (options.max_applications > 0) {
        patterns.emplace_back("app/*/memory");
        patterns.emplace_back("app/*/processes");
    }
    return patterns;
}

std::vector<MetricFamily> node_metric_families(std::uint64_t timestamp_usec,
                                               const std::map<std::string, double>& values,
                                               const std::map<std::string, MountSource>& mounts,
                                               const ExportOptions& options) {
    std::vector<MetricFamily> families;
    for (const auto& info : kFamilies) {
        families.push_back({std::string(info.name),
                            info.type,
                            std::string(info.unit),
                            std::string(info.help),
                            {}});
    }
    for (const auto& [id, value] : values) {
        if (std::isnan(value)) {
            continue;  // the service had no value for it
        }
        add_by_rule(id, value, families);
    }
    add_file_systems(values, mounts, families);
    if (options.max_applications > 0) {
        add_applications(values, options.max_applications, families);
    }
    // node_exporter's boot time is /proc/stat's btime, whole seconds: so is this one.
    const double now = static_cast<double>(timestamp_usec) / 1e6;
    const double uptime = value_of(values, "system/uptime");
    if (!std::isnan(uptime)) {
        families[BootTime].samples.push_back({{}, std::round(now - uptime)});
        families[Time].samples.push_back({{}, now});
    }
    return families;
}

}  // namespace vitalsd
