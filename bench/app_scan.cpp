// SPDX-License-Identifier: MIT
// Reads a cgroup tree of a given size the way the service does, for bench/applications to
// measure: `app-scan [--cgroupfs] CGROUPS READS` makes CGROUPS cgroups in the shape of a desktop
// (half services in system.slice, half app scopes under a user's manager, one process each
// listed), builds the collectors (the cold scan: open and list everything), then, for the cpu
// collector alone (a tick subscribed to app/*/cpu) and for all of them (ListApplications), does
// READS reads that list the hierarchy again and READS reads between listings, and prints the CPU
// time and the allocations of each. By default the tree is files in a temporary directory; with
// --cgroupfs, real cgroups made under the cgroup v2 hierarchy (root only), removed at the end.
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "clock.hpp"
#include "collectors/application_figures.hpp"
#include "collectors/process_table.hpp"

namespace {

namespace fs = std::filesystem;

std::atomic<std::size_t> allocations{0};

double cpu_usec() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// A clock the bench moves on by hand: a second between reads lists the hierarchy again.
class SteppedClock final : public vitalsd::Clock {
public:
    std::uint64_t monotonic_usec() const override { return now_usec; }
    std::uint64_t realtime_usec() const override { return now_usec; }
    std::uint64_t now_usec = 1'000'000;
};

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

// The files of a cgroup in a captured tree: what the collector reads.
void fill_cgroup(const fs::path& dir) {
    write(dir / "cgroup.procs", "4242\n");
    write(dir / "cpu.stat", "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\n");
    write(dir / "memory.current", "10485760\n");
    write(dir / "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n");
    for (const char* resource : {"cpu", "memory", "io"}) {
        write(dir / (std::string(resource) + ".pressure"),
              "some avg10=0.00 avg60=0.00 avg300=0.00 total=1000\n"
              "full avg10=0.00 avg60=0.00 avg300=0.00 total=500\n");
    }
}

// Makes the cgroups: on cgroupfs the kernel makes the files, elsewhere they are written.
std::vector<fs::path> make_tree(const fs::path& root, int cgroups, bool cgroupfs) {
    const auto services = root / "system.slice";
    const auto apps = root / "user.slice/user-1000.slice/user@1000.service/app.slice";
    std::vector<fs::path> made{root / "user.slice", root / "user.slice/user-1000.slice",
                               root / "user.slice/user-1000.slice/user@1000.service", apps,
                               services};
    for (int i = 0; i < cgroups; ++i) {
        made.push_back(i % 2 == 0 ? services / ("bench-" + std::to_string(i) + ".service")
                                  : apps / ("app-gnome-bench" + std::to_string(i) + "-" +
                                            std::to_string(i) + ".scope"));
    }
    for (const auto& dir : made) {
        fs::create_directories(dir);
        if (!cgroupfs) {
            fill_cgroup(dir);
        }
    }
    return made;
}

}  // namespace

void* operator new(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) {
        return p;
    }
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

int main(int argc, char** argv) {
    const bool cgroupfs = argc > 1 && std::strcmp(argv[1], "--cgroupfs") == 0;
    const int first = cgroupfs ? 2 : 1;
    if (argc != first + 2) {
        std::fprintf(stderr, "usage: app-scan [--cgroupfs] CGROUPS READS\n");
        return 2;
    }
    const int cgroups = std::atoi(argv[first]);
    const int reads = std::atoi(argv[first + 1]);
    vitalsd::raise_open_file_limit();

    std::string proc_root = "/proc";
    std::string sys_root = "/sys";
    fs::path tree;
    if (cgroupfs) {
        // Below the live hierarchy: the collector reads all of it, these included.
        tree = "/sys/fs/cgroup/unified";
        if (!fs::exists(tree / "cgroup.procs")) {
            tree = "/sys/fs/cgroup";
        }
        tree /= "vitalsd-bench-" + std::to_string(::getpid());
    } else {
        const auto base =
            fs::temp_directory_path() / ("vitalsd-bench-" + std::to_string(::getpid()));
        proc_root = base / "proc";
        sys_root = base / "sys";
        fs::create_directories(base / "proc/self");
        write(base / "proc/self/mountinfo",
              "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 "
              "cgroup2 rw,nsdelegate,memory_recursiveprot\n");
        tree = base / "sys/fs/cgroup";
        fs::create_directories(tree);
        fill_cgroup(tree);
    }
    auto made = make_tree(tree, cgroups, cgroupfs);

    SteppedClock clock;
    std::vector<vitalsd::RawSample> out;
    const double cold_start = cpu_usec();
    auto collectors = vitalsd::make_application_collectors(proc_root, sys_root, clock);
    const double cold = cpu_usec() - cold_start;
    const auto& groups =
        static_cast<vitalsd::ApplicationFigureCollector&>(*collectors.front()).groups();
    std::size_t sensors = 0;
    for (const auto& collector : collectors) {
        sensors += collector->sensors().size();
    }
    std::printf("cgroups %zu groups %zu sensors %zu cold_cpu_usec %.1f\n", made.size(),
                groups.applications().size(), sensors, cold);

    // Reads the first `count` collectors READS times, the clock stepping between reads, after
    // one read that grows the buffers; prints CPU time and allocations per read.
    const auto measure = [&](const char* what, std::size_t count, std::uint64_t step_usec) {
        const auto read_all = [&] {
            clock.now_usec += step_usec;
            for (std::size_t i = 0; i < count; ++i) {
                collectors[i]->read(out);
            }
        };
        read_all();
        const auto allocations_before = allocations.load();
        const double start = cpu_usec();
        for (int i = 0; i < reads; ++i) {
            read_all();
        }
        std::printf(
            "%-28s cpu_usec %9.1f  per_group_usec %6.2f  allocations %.2f\n", what,
            (cpu_usec() - start) / reads,
            (cpu_usec() - start) / reads / static_cast<double>(groups.applications().size()),
            static_cast<double>(allocations.load() - allocations_before) / reads);
    };
    measure("app/*/cpu, listing", 1, 1'000'000);
    measure("app/*/cpu", 1, 100'000);
    measure("all figures, listing", collectors.size(), 1'000'000);
    measure("all figures", collectors.size(), 100'000);

    for (auto dir = made.rbegin(); dir != made.rend(); ++dir) {
        if (cgroupfs) {
            ::rmdir(dir->c_str());
        }
    }
    if (cgroupfs) {
        ::rmdir(tree.c_str());
    } else {
        fs::remove_all(fs::path(proc_root).parent_path());
    }
    return 0;
}
