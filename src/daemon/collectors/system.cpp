// SPDX-License-Identifier: MIT
// Reads /proc/uptime, /proc/loadavg and /proc/stat, documented in
// https://docs.kernel.org/filesystems/proc.html ("Miscellaneous kernel statistics in
// /proc/stat"), https://man7.org/linux/man-pages/man5/proc_uptime.5.html and
// https://man7.org/linux/man-pages/man5/proc_loadavg.5.html
#include "system.hpp"

#include <algorithm>
#include <array>

#include "parse.hpp"

namespace vitalsd {
namespace {

// The order of the sensor list and of read()'s output.
enum Slot {
    Uptime,
    Processes,
    Threads,
    Running,
    ContextSwitches,
    Interrupts,
    Forks,
    TotalContextSwitches,
    TotalInterrupts,
    TotalForks,
    kSlotCount
};

// The /proc/stat keys parse_system_stat() reads, in the order of its output.
constexpr std::array<std::string_view, 4> kStatKeys = {"procs_running", "ctxt", "intr",
                                                       "processes"};

RawSample sample(std::optional<double> value) {
    return value ? RawSample{*value} : RawSample{};
}

}  // namespace

void parse_system_stat(std::string_view text, std::span<RawSample> out) {
    std::fill(out.begin(), out.end(), RawSample{});
    if (out.size() < kStatKeys.size()) {
        return;
    }
    while (!text.empty()) {
        auto line = parse::next_line(text);
        const auto key = parse::next_field(line);
        const auto known = std::find(kStatKeys.begin(), kStatKeys.end(), key);
        if (known != kStatKeys.end()) {
            const auto value = parse::number<unsigned long long>(parse::next_field(line));
            if (value) {
                out[static_cast<std::size_t>(known - kStatKeys.begin())] = {
                    static_cast<double>(*value)};
            }
        }
    }
}

std::optional<double> parse_uptime(std::string_view text) {
    return parse::number<double>(parse::next_field(text));
}

std::optional<double> parse_thread_count(std::string_view text) {
    const auto field = parse::nth_field(text, 3);
    const auto slash = field.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto total = parse::number<unsigned long long>(field.substr(slash + 1));
    return total ? std::optional<double>(static_cast<double>(*total)) : std::nullopt;
}

SystemCollector::SystemCollector(const std::string& proc_root)
    : uptime_(proc_root + "/uptime"),
      loadavg_(proc_root + "/loadavg"),
      stat_(proc_root + "/stat"),
      processes_(proc_root) {
    using K = SensorKind;
    sensors_ = {
        {"system/uptime", "s", "Uptime", "Seconds since the system booted", K::Gauge},
        {"system/processes", "", "Processes", "Number of processes", K::Gauge},
        {"system/threads", "", "Threads", "Number of threads of all processes", K::Gauge},
        {"system/running", "", "Running", "Number of threads running or ready to run", K::Gauge},
        {"system/contextSwitches", "/s", "Context switches",
         "Context switches per second, on all CPUs", K::Rate},
        {"system/interrupts", "/s", "Interrupts", "Interrupts serviced per second, on all CPUs",
         K::Rate},
        {"system/forks", "/s", "Forks", "Processes and threads created per second", K::Rate},
        {"system/totalContextSwitches", "", "Context switches, total",
         "Context switches on all CPUs since boot", K::Gauge},
        {"system/totalInterrupts", "", "Interrupts, total",
         "Interrupts serviced on all CPUs since boot", K::Gauge},
        {"system/totalForks", "", "Forks, total", "Processes and threads created since boot",
         K::Gauge},
    };
}

bool SystemCollector::read(std::vector<RawSample>& out) {
    out.assign(kSlotCount, RawSample{});
    out[Uptime] = sample(parse_uptime(uptime_.read().value_or(std::string_view{})));
    const auto processes = processes_.count();
    out[Processes] = processes ? RawSample{static_cast<double>(*processes)} : RawSample{};
    out[Threads] = sample(parse_thread_count(loadavg_.read().value_or(std::string_view{})));
    parse_system_stat(stat_.read().value_or(std::string_view{}),
                      std::span(out).subspan(Running, kStatKeys.size()));
    // The same counters, as the kernel counts them, for the machines that compute rates.
    out[TotalContextSwitches] = out[ContextSwitches];
    out[TotalInterrupts] = out[Interrupts];
    out[TotalForks] = out[Forks];
    return false;
}

}  // namespace vitalsd
