// SPDX-License-Identifier: MIT
// Per-collector costs: the pure parsers on captured text, each collector's read on the fixture
// and on the live /proc, the process table's steady scan, and a whole sampling tick.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "clock.hpp"
#include "collectors/all_collectors.hpp"
#include "collectors/cpu.hpp"
#include "collectors/cpu_frequency.hpp"
#include "collectors/disk_file_systems.hpp"
#include "collectors/filesystem.hpp"
#include "collectors/load.hpp"
#include "collectors/memory.hpp"
#include "collectors/power.hpp"
#include "collectors/process_table.hpp"
#include "collectors/temperature.hpp"
#include "sampling/monitor.hpp"

namespace vitalsd {
namespace {

std::string fixture_proc() {
    const char* fixtures = std::getenv("VITALSD_FIXTURES");
    return std::string(fixtures != nullptr ? fixtures : "tests/fixtures") + "/basic/proc";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void BM_ParseProcStat(benchmark::State& state) {
    const auto text = slurp(fixture_proc() + "/stat");
    const auto cpus = list_cpus(text);
    std::vector<RawSample> out((cpus.size() + 1) * 4 + 1);
    for (auto _ : state) {
        parse_proc_stat(text, cpus, out);
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_ParseProcStat);

void BM_ParseMeminfo(benchmark::State& state) {
    const auto text = slurp(fixture_proc() + "/meminfo");
    std::vector<RawSample> out(11);
    for (auto _ : state) {
        parse_meminfo(text, out);
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_ParseMeminfo);

void BM_ParseProcessStat(benchmark::State& state) {
    const auto text = slurp("/proc/self/stat");
    for (auto _ : state) {
        benchmark::DoNotOptimize(parse_process_stat(text));
    }
}
BENCHMARK(BM_ParseProcessStat);

// Returns the sensors of the last read.
template <typename CollectorType, typename... Args>
std::size_t read_repeatedly(benchmark::State& state, const Args&... args) {
    CollectorType collector(args...);
    std::vector<RawSample> out;
    for (auto _ : state) {
        collector.read(out);
        benchmark::DoNotOptimize(out.data());
    }
    return out.size();
}

// A clock a second later at every look: every read of a collector with a one-second cache reads
// its files.
class SkippingClock final : public Clock {
public:
    std::uint64_t monotonic_usec() const override { return now_ += 1'000'000; }
    std::uint64_t realtime_usec() const override { return now_; }

private:
    mutable std::uint64_t now_ = 0;
};

void BM_ReadCpu(benchmark::State& state, const std::string& root) {
    read_repeatedly<CpuCollector>(state, root);
}
void BM_ReadMemory(benchmark::State& state, const std::string& root) {
    read_repeatedly<MemoryCollector>(state, root);
}
void BM_ReadLoad(benchmark::State& state, const std::string& root) {
    read_repeatedly<LoadCollector>(state, root);
}
BENCHMARK_CAPTURE(BM_ReadCpu, fixture, fixture_proc());
BENCHMARK_CAPTURE(BM_ReadCpu, live, std::string("/proc"));
BENCHMARK_CAPTURE(BM_ReadMemory, fixture, fixture_proc());
BENCHMARK_CAPTURE(BM_ReadMemory, live, std::string("/proc"));
BENCHMARK_CAPTURE(BM_ReadLoad, fixture, fixture_proc());
BENCHMARK_CAPTURE(BM_ReadLoad, live, std::string("/proc"));

// The collectors of /sys and of the mounts, on the laptop fixture and on this machine.
std::string laptop(const std::string& tree) {
    const char* fixtures = std::getenv("VITALSD_FIXTURES");
    return std::string(fixtures != nullptr ? fixtures : "tests/fixtures") + "/laptop-intel/" + tree;
}

// Parsing a laptop's mountinfo and picking its file systems, as a mount or an unmount costs.
void BM_ShownFileSystems(benchmark::State& state) {
    const auto text = slurp(laptop("proc") + "/self/mountinfo");
    std::vector<Mount> mounts;
    for (auto _ : state) {
        parse_mountinfo(text, mounts);
        std::size_t shown = 0;
        for (std::size_t i = 0; i < mounts.size(); ++i) {
            shown += is_shown_file_system(mounts, i) ? 1 : 0;
        }
        benchmark::DoNotOptimize(shown);
    }
}
BENCHMARK(BM_ShownFileSystems);

void BM_ReadFileSystems(benchmark::State& state, const std::string& root) {
    read_repeatedly<FileSystemCollector>(state, root);
}
// Every read past the one-second caches, so that the files themselves are read.
void BM_ReadTemperatures(benchmark::State& state, const std::string& root) {
    const SkippingClock clock;
    read_repeatedly<TemperatureCollector>(state, root, clock);
}
void BM_ReadPower(benchmark::State& state, const std::string& root) {
    read_repeatedly<PowerCollector>(state, root);
}
void BM_ReadCpuFrequency(benchmark::State& state, const std::string& root) {
    const SkippingClock clock;
    const auto cpus = read_repeatedly<CpuFrequencyCollector>(state, root, clock);
    state.counters["cpus"] = static_cast<double>(cpus);
}
BENCHMARK_CAPTURE(BM_ReadFileSystems, live, std::string("/proc"));
BENCHMARK_CAPTURE(BM_ReadTemperatures, fixture, laptop("sys"));
BENCHMARK_CAPTURE(BM_ReadTemperatures, live, std::string("/sys"));
BENCHMARK_CAPTURE(BM_ReadPower, fixture, laptop("sys"));
BENCHMARK_CAPTURE(BM_ReadPower, live, std::string("/sys"));
BENCHMARK_CAPTURE(BM_ReadCpuFrequency, fixture, laptop("sys"));
BENCHMARK_CAPTURE(BM_ReadCpuFrequency, live, std::string("/sys"));

void BM_ProcessTableSteadyScan(benchmark::State& state) {
    raise_open_file_limit();
    SystemClock clock;
    ProcessTable table("/proc", clock);
    std::size_t processes = table.scan().size();
    for (auto _ : state) {
        processes = table.scan().size();
    }
    state.counters["processes"] = static_cast<double>(processes);
    state.counters["per_process_ns"] = benchmark::Counter(
        static_cast<double>(processes),
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ProcessTableSteadyScan)->Unit(benchmark::kMicrosecond);

// A tick serving two clients, one with every live sensor of every collector, clock advanced by hand
// past each deadline.
class SteppedClock final : public Clock {
public:
    std::uint64_t monotonic_usec() const override { return now_; }
    std::uint64_t realtime_usec() const override { return now_; }
    void step() { now_ += 100'000; }

private:
    std::uint64_t now_ = 1'000'000'000;
};

void BM_Tick(benchmark::State& state) {
    SteppedClock clock;
    SensorCatalog catalog(make_all_collectors("/proc", "/sys", clock));
    Monitor monitor(catalog, clock, Limits{}, 600);
    monitor.subscribe(":1.1", 100, {});
    monitor.subscribe(":1.2", 100, {"cpu/all/usage", "memory/physical/used"});
    std::size_t values = 0;
    for (auto _ : state) {
        clock.step();
        monitor.tick([&](const std::string&, std::uint64_t,
                         std::span<const Monitor::SensorValue> sent) { values += sent.size(); });
    }
    benchmark::DoNotOptimize(values);
}
BENCHMARK(BM_Tick)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace vitalsd

BENCHMARK_MAIN();
