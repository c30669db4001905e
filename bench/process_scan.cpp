// SPDX-License-Identifier: MIT
// Scans the live process table the way the service does, for bench/processes to measure:
// `process-scan SCANS` does one cold scan (a snapshot of processes never seen) and then
// SCANS - 1 steady scans, and prints the process count and the CPU time of each kind of scan.
#include <time.h>

#include <cstdio>
#include <cstdlib>

#include "clock.hpp"
#include "collectors/process_table.hpp"

namespace {

double cpu_usec() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

}  // namespace

int main(int argc, char** argv) {
    const int scans = argc > 1 ? std::atoi(argv[1]) : 1;
    vitalsd::raise_open_file_limit();
    vitalsd::SystemClock clock;
    vitalsd::ProcessTable table("/proc", clock);

    const double cold_start = cpu_usec();
    const auto processes = table.scan().size();
    const double cold = cpu_usec() - cold_start;
    const double steady_start = cpu_usec();
    for (int i = 1; i < scans; ++i) {
        table.scan();
    }
    const double steady = scans > 1 ? (cpu_usec() - steady_start) / (scans - 1) : 0.0;
    std::printf("processes %zu cold_cpu_usec %.1f steady_cpu_usec %.1f\n", processes, cold, steady);
    return 0;
}
