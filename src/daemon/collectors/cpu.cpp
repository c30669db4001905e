// SPDX-License-Identifier: MIT
// Reads /proc/stat, documented in https://docs.kernel.org/filesystems/proc.html
// ("Miscellaneous kernel statistics in /proc/stat").
#include "cpu.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "parse.hpp"

namespace vitalsd {
namespace {

// Per CPU: usage, user, system, iowait, in this order in the sensor list.
constexpr std::size_t kSharesPerCpu = 4;

enum Field { User, Nice, System, Idle, IoWait, Irq, SoftIrq, Steal, kFieldCount };
static_assert(std::tuple_size_v<CpuTimes> == kFieldCount);

// Fills usage, user, system and iowait as shares of the total time. Usage is everything but
// idle, so that user + system + iowait = usage; guest time is already inside user.
void fill_shares(const std::optional<CpuTimes>& times, std::span<RawSample> out) {
    if (!times) {
        return;
    }
    const auto& t = *times;
    const double total =
        t[User] + t[Nice] + t[System] + t[Idle] + t[IoWait] + t[Irq] + t[SoftIrq] + t[Steal];
    out[0] = {total - t[Idle], total};
    out[1] = {t[User] + t[Nice], total};
    out[2] = {t[System] + t[Irq] + t[SoftIrq] + t[Steal], total};
    out[3] = {t[IoWait], total};
}

void describe_shares(const std::string& prefix, const std::string& who,
                     std::vector<SensorInfo>& out) {
    out.push_back({prefix + "usage", "%", who + " usage",
                   "Share of time " + who + " was not idle (user + system + iowait)",
                   SensorKind::Share});
    out.push_back({prefix + "user", "%", who + " user",
                   "Share of time " + who + " ran user code, niced included", SensorKind::Share});
    out.push_back({prefix + "system", "%", who + " system",
                   "Share of time " + who + " ran the kernel, interrupts and steal included",
                   SensorKind::Share});
    out.push_back({prefix + "iowait", "%", who + " I/O wait",
                   "Share of time " + who + " was idle waiting for I/O", SensorKind::Share});
}

}  // namespace

std::optional<CpuTimes> parse_cpu_times(std::string_view rest) {
    CpuTimes times{};
    std::size_t parsed = 0;
    for (auto& time : times) {
        const auto value = parse::number<unsigned long long>(parse::next_field(rest));
        if (!value) {
            break;
        }
        time = static_cast<double>(*value);
        ++parsed;
    }
    if (parsed <= Idle) {
        return std::nullopt;
    }
    return times;
}

bool parse_proc_stat(std::string_view text, const std::vector<unsigned>& cpus,
                     std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    if (out.size() != (cpus.size() + 1) * kSharesPerCpu + 1) {
        return false;
    }
    bool unlisted = false;
    unsigned online = 0;
    while (!text.empty()) {
        auto line = parse::next_line(text);
        const auto label = parse::next_field(line);
        if (!label.starts_with("cpu")) {
            break;  // the cpu lines come first
        }
        if (label == "cpu") {
            fill_shares(parse_cpu_times(line), out.subspan(0, kSharesPerCpu));
            continue;
        }
        const auto n = parse::number<unsigned>(label.substr(3));
        const auto known = n ? std::find(cpus.begin(), cpus.end(), *n) : cpus.end();
        ++online;
        if (known != cpus.end()) {
            const auto slot = static_cast<std::size_t>(known - cpus.begin()) + 1;
            fill_shares(parse_cpu_times(line), out.subspan(slot * kSharesPerCpu, kSharesPerCpu));
        } else {
            unlisted = true;
        }
    }
    if (online > 0) {  // a file cut before the first cpuN line says nothing about the count
        out.back() = {static_cast<double>(online)};
    }
    return unlisted;
}

std::vector<unsigned> list_cpus(std::string_view text) {
    std::vector<unsigned> cpus;
    while (!text.empty()) {
        auto line = parse::next_line(text);
        const auto label = parse::next_field(line);
        if (label.size() > 3 && label.starts_with("cpu")) {
            const auto n = parse::number<unsigned>(label.substr(3));
            if (n && std::find(cpus.begin(), cpus.end(), *n) == cpus.end()) {
                cpus.push_back(*n);
            }
        }
    }
    return cpus;
}

void add_new_cpus(std::string_view text, std::vector<unsigned>& cpus) {
    for (const unsigned n : list_cpus(text)) {
        if (std::find(cpus.begin(), cpus.end(), n) == cpus.end()) {
            cpus.push_back(n);
        }
    }
}

CpuCollector::CpuCollector(const std::string& proc_root)
    : stat_(proc_root + "/stat"), cpus_(list_cpus(stat_.read().value_or(std::string_view{}))) {
    describe();
}

void CpuCollector::describe() {
    sensors_.clear();
    describe_shares("cpu/all/", "all CPUs", sensors_);
    for (const unsigned n : cpus_) {
        const auto name = "cpu" + std::to_string(n);
        describe_shares("cpu/" + name + "/", "CPU " + std::to_string(n), sensors_);
    }
    sensors_.push_back(
        {"cpu/all/count", "", "CPUs online", "Number of CPUs online", SensorKind::Gauge});
}

bool CpuCollector::read(std::vector<RawSample>& out) {
    out.resize(sensors_.size());
    const auto text = stat_.read().value_or(std::string_view{});
    if (!parse_proc_stat(text, cpus_, out)) {
        return false;
    }
    // A CPU came online that was offline at start: it gets its sensors from now on. One that
    // goes offline keeps them, without values, as it may well come back.
    add_new_cpus(text, cpus_);
    describe();
    out.resize(sensors_.size());
    parse_proc_stat(text, cpus_, out);
    return true;
}

}  // namespace vitalsd
