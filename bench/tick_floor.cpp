// SPDX-License-Identifier: MIT
// The floor under a sampling service's tick: a process that only wakes on a timer and reads the
// given files (pread into one buffer, fds kept open), with no bus and no parsing. Prints its
// on-CPU time per tick in microseconds, from /proc/self/schedstat, leaving out start-up.
//   tick-floor SECONDS INTERVAL_MS FILE...
#include <fcntl.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

double on_cpu_usec() {
    std::FILE* schedstat = std::fopen("/proc/self/schedstat", "r");
    double ns = 0;
    if (schedstat == nullptr || std::fscanf(schedstat, "%lf", &ns) != 1) {
        std::perror("tick-floor: /proc/self/schedstat");
        std::exit(1);
    }
    std::fclose(schedstat);
    return ns / 1000;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: tick-floor SECONDS INTERVAL_MS FILE...\n");
        return 2;
    }
    const long interval_ms = std::atol(argv[2]);
    const long ticks = std::atol(argv[1]) * 1000 / interval_ms;
    std::vector<int> files;
    for (int i = 3; i < argc; ++i) {
        files.push_back(::open(argv[i], O_RDONLY | O_CLOEXEC));
        if (files.back() < 0) {
            std::perror(argv[i]);
            return 1;
        }
    }
    const int timer = ::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    const timespec period{interval_ms / 1000, interval_ms % 1000 * 1'000'000};
    const itimerspec every{period, period};
    ::timerfd_settime(timer, 0, &every, nullptr);
    static char buffer[64 * 1024];
    double start = 0;
    for (long tick = 0; tick <= ticks; ++tick) {
        std::uint64_t expirations = 0;
        if (::read(timer, &expirations, sizeof expirations) < 0) {
            std::perror("tick-floor: timerfd");
            return 1;
        }
        if (tick == 0) {
            start = on_cpu_usec();  // the first tick pays for start-up; count from here
        }
        for (const int fd : files) {
            (void)!::pread(fd, buffer, sizeof buffer, 0);
        }
    }
    std::printf("%.0f\n", (on_cpu_usec() - start) / static_cast<double>(ticks));
    return 0;
}
