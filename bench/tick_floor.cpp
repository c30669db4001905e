// SPDX-License-Identifier: MIT
// The floors under a sampling service's tick, in three steps, each doing no parsing at all:
//   read        wake on a timer and read the given files (pread into one buffer, fds kept open);
//   send BYTES  the same, then write BYTES to a socket whose reader sleeps until they come: what
//               handing one message to the bus daemon costs the sender;
//   signal N    the same files, on an sd-event timer, then an sd-bus signal of N a{sd} entries
//               sent on the session bus: the libraries vitalsd stands on, doing nothing else.
// Prints the on-CPU time per tick in microseconds, from /proc/self/schedstat, leaving out start-up.
//   tick-floor SECONDS INTERVAL_MS read FILE...
//   tick-floor SECONDS INTERVAL_MS send BYTES FILE...
//   tick-floor SECONDS INTERVAL_MS signal ENTRIES FILE...
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
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

[[noreturn]] void fail(const char* what, int error) {
    std::fprintf(stderr, "tick-floor: %s: %s\n", what, std::strerror(error));
    std::exit(1);
}

struct Floor {
    long ticks = 0;
    std::uint64_t interval_usec = 0;
    std::vector<int> files;
    double start_usec = 0;
    long done = -1;  // ticks counted; the first pays for start-up and is left out

    void read_files() {
        static char buffer[64 * 1024];
        for (const int fd : files) {
            (void)!::pread(fd, buffer, sizeof buffer, 0);
        }
    }
    // Returns false once every tick has run, after printing the cost of one.
    bool counted() {
        if (done < 0) {
            start_usec = on_cpu_usec();
        }
        if (++done == ticks) {
            std::printf("%.0f\n", (on_cpu_usec() - start_usec) / static_cast<double>(ticks));
            return false;
        }
        return true;
    }
};

// A timerfd loop around fn: the least any periodic process pays to wake.
template <typename Fn>
void run_timerfd(Floor& floor, Fn fn) {
    const int timer = ::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    const auto usec = static_cast<long>(floor.interval_usec);
    const timespec period{usec / 1'000'000, usec % 1'000'000 * 1000};
    const itimerspec every{period, period};
    ::timerfd_settime(timer, 0, &every, nullptr);
    do {
        std::uint64_t expirations = 0;
        if (::read(timer, &expirations, sizeof expirations) < 0) {
            fail("timerfd", errno);
        }
        fn();
    } while (floor.counted());
}

void run_send(Floor& floor, std::size_t bytes) {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0) {
        fail("socketpair", errno);
    }
    const pid_t reader = ::fork();
    if (reader == 0) {
        ::close(pair[0]);
        std::vector<char> sink(64 * 1024);
        while (::read(pair[1], sink.data(), sink.size()) > 0) {
        }
        ::_exit(0);
    }
    ::close(pair[1]);
    const std::vector<char> message(bytes, 'x');
    run_timerfd(floor, [&] {
        floor.read_files();
        (void)!::write(pair[0], message.data(), message.size());
    });
    ::close(pair[0]);
    ::waitpid(reader, nullptr, 0);
}

struct SignalFloor {
    Floor& floor;
    sd_bus* bus = nullptr;
    std::vector<std::string> names;
};

int on_signal_tick(sd_event_source* source, std::uint64_t usec, void* data) {
    auto& self = *static_cast<SignalFloor*>(data);
    self.floor.read_files();
    sd_bus_message* signal = nullptr;
    sd_bus_message_new_signal(self.bus, &signal, "/io/github/vitalsd/Floor",
                              "io.github.vitalsd.Floor", "Updated");
    sd_bus_message_append(signal, "t", usec);
    sd_bus_message_open_container(signal, 'a', "{sd}");
    for (const auto& name : self.names) {
        // Entry by entry, as vitalsd builds its signal through sdbus-c++.
        const double value = 0.5;
        sd_bus_message_open_container(signal, 'e', "sd");
        sd_bus_message_append_basic(signal, 's', name.c_str());
        sd_bus_message_append_basic(signal, 'd', &value);
        sd_bus_message_close_container(signal);
    }
    sd_bus_message_close_container(signal);
    sd_bus_send(self.bus, signal, nullptr);
    sd_bus_message_unref(signal);
    if (!self.floor.counted()) {
        return sd_event_exit(sd_event_source_get_event(source), 0);
    }
    sd_event_source_set_time(source, usec + self.floor.interval_usec);
    return sd_event_source_set_enabled(source, SD_EVENT_ONESHOT);
}

void run_signal(Floor& floor, std::size_t entries) {
    SignalFloor self{floor, nullptr, {}};
    for (std::size_t i = 0; i < entries; ++i) {
        // As long as a typical id: "network/eth0/download", "cpu/cpu11/iowait".
        self.names.push_back("sensor/device" + std::to_string(i) + "/value");
    }
    sd_event* event = nullptr;
    int error = sd_event_default(&event);
    if (error >= 0) {
        error = sd_bus_open_user(&self.bus);
    }
    if (error >= 0) {
        error = sd_bus_attach_event(self.bus, event, SD_EVENT_PRIORITY_NORMAL);
    }
    std::uint64_t now = 0;
    if (error >= 0) {
        error = sd_event_now(event, CLOCK_MONOTONIC, &now);
    }
    if (error >= 0) {
        // vitalsd's accuracy, 1 ms: 0 would let sd-event put the wake-up off by up to 250 ms.
        error = sd_event_add_time(event, nullptr, CLOCK_MONOTONIC, now + floor.interval_usec, 1000,
                                  on_signal_tick, &self);
    }
    if (error >= 0) {
        error = sd_event_loop(event);
    }
    if (error < 0) {
        fail("sd-bus", -error);
    }
    sd_bus_flush_close_unref(self.bus);
    sd_event_unref(event);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 3 ? argv[3] : "";
    const int first_file = mode == "read" ? 4 : 5;
    if ((mode != "read" && mode != "send" && mode != "signal") || argc <= first_file) {
        std::fprintf(stderr,
                     "usage: tick-floor SECONDS INTERVAL_MS read FILE...\n"
                     "       tick-floor SECONDS INTERVAL_MS send BYTES FILE...\n"
                     "       tick-floor SECONDS INTERVAL_MS signal ENTRIES FILE...\n");
        return 2;
    }
    Floor floor;
    const long interval_ms = std::atol(argv[2]);
    floor.interval_usec = static_cast<std::uint64_t>(interval_ms) * 1000;
    floor.ticks = std::atol(argv[1]) * 1000 / interval_ms;
    for (int i = first_file; i < argc; ++i) {
        floor.files.push_back(::open(argv[i], O_RDONLY | O_CLOEXEC));
        if (floor.files.back() < 0) {
            fail(argv[i], errno);
        }
    }
    if (mode == "read") {
        run_timerfd(floor, [&] { floor.read_files(); });
    } else if (mode == "send") {
        run_send(floor, std::strtoul(argv[4], nullptr, 10));
    } else {
        run_signal(floor, std::strtoul(argv[4], nullptr, 10));
    }
    return 0;
}
