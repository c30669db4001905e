// SPDX-License-Identifier: MIT
// Many subscribers of vitalsd in one process, for bench/scale: N connections to the bus named by
// DBUS_SESSION_BUS_ADDRESS (never the machine's own: without the variable it refuses to run),
// each subscribed with Start, all pumped from one poll() loop for SECONDS.
//   subscriber-swarm N SECONDS INTERVALS SENSOR_SETS
// INTERVALS is a comma-separated list of milliseconds, SENSOR_SETS a '|'-separated list of
// comma-separated sensors or patterns: client i takes interval i mod their count and sensor set
// i mod theirs. Prints the Updated signals received, in all and by the slowest client.
#include <poll.h>
#include <systemd/sd-bus.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kVitals = "io.github.vitalsd.Vitals1";
constexpr const char* kVitalsPath = "/io/github/vitalsd/Vitals1";

[[noreturn]] void fail(const char* what, int r) {
    std::fprintf(stderr, "subscriber-swarm: %s: %s\n", what, std::strerror(-r));
    std::exit(1);
}

std::uint64_t now_usec() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000u +
           static_cast<std::uint64_t>(ts.tv_nsec) / 1000u;
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    for (std::size_t at = 0;;) {
        const auto end = text.find(separator, at);
        parts.emplace_back(text.substr(at, end - at));
        if (end == std::string_view::npos) {
            return parts;
        }
        at = end + 1;
    }
}

struct Client {
    sd_bus* bus = nullptr;
    long updates = 0;
};

int count_update(sd_bus_message* message, void* userdata, sd_bus_error*) {
    if (sd_bus_message_is_signal(message, kVitals, "Updated") > 0) {
        ++static_cast<Client*>(userdata)->updates;
    }
    return 0;
}

void connect(Client& client, const char* address) {
    int r = sd_bus_new(&client.bus);
    if (r >= 0)
        r = sd_bus_set_address(client.bus, address);
    if (r >= 0)
        r = sd_bus_set_bus_client(client.bus, 1);
    if (r >= 0)
        r = sd_bus_start(client.bus);
    if (r >= 0)
        r = sd_bus_add_filter(client.bus, nullptr, count_update, &client);
    if (r < 0)
        fail("connect", r);
}

void start(Client& client, std::uint32_t interval_ms, const std::vector<std::string>& sensors) {
    sd_bus_message* call = nullptr;
    int r =
        sd_bus_message_new_method_call(client.bus, &call, kVitals, kVitalsPath, kVitals, "Start");
    if (r >= 0)
        r = sd_bus_message_append(call, "u", interval_ms);
    if (r >= 0)
        r = sd_bus_message_open_container(call, 'a', "s");
    for (const auto& sensor : sensors) {
        if (r >= 0)
            r = sd_bus_message_append(call, "s", sensor.c_str());
    }
    if (r >= 0)
        r = sd_bus_message_close_container(call);
    sd_bus_error error = SD_BUS_ERROR_NULL;
    if (r >= 0)
        r = sd_bus_call(client.bus, call, 0, &error, nullptr);
    if (r < 0) {
        std::fprintf(stderr, "subscriber-swarm: Start: %s\n",
                     error.message ? error.message : std::strerror(-r));
        std::exit(1);
    }
    sd_bus_error_free(&error);
    sd_bus_message_unref(call);
}

// Dispatches what every connection has until the deadline.
void pump(std::vector<Client>& clients, std::uint64_t deadline_usec) {
    std::vector<pollfd> fds(clients.size());
    for (std::uint64_t now = now_usec(); now < deadline_usec; now = now_usec()) {
        for (std::size_t i = 0; i < clients.size(); ++i) {
            int r;
            while ((r = sd_bus_process(clients[i].bus, nullptr)) > 0) {
            }
            if (r < 0)
                fail("process", r);
            fds[i] = {sd_bus_get_fd(clients[i].bus),
                      static_cast<short>(sd_bus_get_events(clients[i].bus)), 0};
        }
        const auto left_ms = static_cast<int>((deadline_usec - now) / 1000u) + 1;
        if (::poll(fds.data(), fds.size(), left_ms) < 0 && errno != EINTR)
            fail("poll", -errno);
    }
}

}  // namespace

int main(int argc, char** argv) {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address == nullptr) {
        std::fprintf(stderr, "subscriber-swarm: DBUS_SESSION_BUS_ADDRESS is not set\n");
        return 2;
    }
    if (argc != 5) {
        std::fprintf(stderr, "usage: subscriber-swarm N SECONDS INTERVALS SENSOR_SETS\n");
        return 2;
    }
    const auto count = static_cast<std::size_t>(std::atol(argv[1]));
    const double seconds = std::atof(argv[2]);
    std::vector<std::uint32_t> intervals;
    for (const auto& ms : split(argv[3], ',')) {
        intervals.push_back(static_cast<std::uint32_t>(std::atol(ms.c_str())));
    }
    std::vector<std::vector<std::string>> sensor_sets;
    for (const auto& set : split(argv[4], '|')) {
        sensor_sets.push_back(split(set, ','));
    }

    std::vector<Client> clients(count);
    for (std::size_t i = 0; i < count; ++i) {
        connect(clients[i], address);
        start(clients[i], intervals[i % intervals.size()], sensor_sets[i % sensor_sets.size()]);
    }
    pump(clients, now_usec() + static_cast<std::uint64_t>(seconds * 1e6));

    long total = 0;
    long slowest = clients.empty() ? 0 : clients.front().updates;
    for (auto& client : clients) {
        total += client.updates;
        slowest = std::min(slowest, client.updates);
        sd_bus_flush_close_unref(client.bus);
    }
    std::printf("%ld %ld\n", total, slowest);
    return 0;
}
