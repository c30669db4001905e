// SPDX-License-Identifier: MIT
// The client side of bench/compare: times calls on the bus named by DBUS_SESSION_BUS_ADDRESS
// (never the machine's own: without the variable it refuses to run) with sd-bus, so that the
// client adds the same small cost to every call it times.
//   bus-timing latency N SENSOR    N interleaved rounds of vitalsd GetValues([SENSOR]), Peer.Ping
//                                  to vitalsd and the bus's own GetId; prints "p50 p99 floor_p50
//                                  floor_p99 ping_p50 ping_p99" in us
//   bus-timing calls N SENSOR      N vitalsd GetValues([SENSOR]) and nothing else, untimed: what
//                                  bench/compare counts instructions over
//   bus-timing cold SERVICE        one sensor listing from SERVICE (vitalsd or ksystemstats),
//                                  which the bus activates when not running; prints its us
//   bus-timing subscribe SERVICE SECONDS INTERVAL_MS SENSOR...
//                                  subscribes to SENSOR... for SECONDS (ksystemstats has a
//                                  fixed 500 ms rate), then prints the updates received
#include <systemd/sd-bus.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char* kVitals = "io.github.vitalsd.Vitals1";
constexpr const char* kVitalsPath = "/io/github/vitalsd/Vitals1";
constexpr const char* kKsys = "org.kde.ksystemstats";

double now_usec() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

[[noreturn]] void fail(const char* what, int r) {
    std::fprintf(stderr, "bus-timing: %s: %s\n", what, std::strerror(-r));
    std::exit(1);
}

sd_bus* connect() {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address == nullptr) {
        std::fprintf(stderr, "bus-timing: DBUS_SESSION_BUS_ADDRESS is not set\n");
        std::exit(2);
    }
    sd_bus* bus = nullptr;
    int r = sd_bus_new(&bus);
    if (r >= 0)
        r = sd_bus_set_address(bus, address);
    if (r >= 0)
        r = sd_bus_set_bus_client(bus, 1);
    if (r >= 0)
        r = sd_bus_start(bus);
    if (r < 0)
        fail("connect", r);
    return bus;
}

// Sends a call whose only argument (if any) is a string array, and waits for its reply.
void call(sd_bus* bus, const char* dest, const char* path, const char* iface, const char* method,
          const std::vector<std::string>* strings, std::uint32_t leading_u = 0,
          bool with_u = false) {
    sd_bus_message* m = nullptr;
    int r = sd_bus_message_new_method_call(bus, &m, dest, path, iface, method);
    if (r >= 0 && with_u)
        r = sd_bus_message_append(m, "u", leading_u);
    if (r >= 0 && strings != nullptr) {
        r = sd_bus_message_open_container(m, 'a', "s");
        for (const auto& s : *strings) {
            if (r >= 0)
                r = sd_bus_message_append(m, "s", s.c_str());
        }
        if (r >= 0)
            r = sd_bus_message_close_container(m);
    }
    if (r < 0)
        fail("build call", r);
    sd_bus_error error = SD_BUS_ERROR_NULL;
    sd_bus_message* reply = nullptr;
    r = sd_bus_call(bus, m, 60'000'000, &error, &reply);
    if (r < 0) {
        std::fprintf(stderr, "bus-timing: %s: %s\n", method,
                     error.message != nullptr ? error.message : std::strerror(-r));
        std::exit(1);
    }
    sd_bus_error_free(&error);
    sd_bus_message_unref(reply);
    sd_bus_message_unref(m);
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[i];
}

int latency(sd_bus* bus, int n, const std::string& sensor) {
    const std::vector<std::string> sensors{sensor};
    call(bus, kVitals, kVitalsPath, kVitals, "GetValues", &sensors);  // activates, warms up
    std::vector<double> ours, floor, ping;
    for (int i = 0; i < n; ++i) {
        double t = now_usec();
        call(bus, kVitals, kVitalsPath, kVitals, "GetValues", &sensors);
        ours.push_back(now_usec() - t);
        t = now_usec();
        call(bus, kVitals, kVitalsPath, "org.freedesktop.DBus.Peer", "Ping", nullptr);
        ping.push_back(now_usec() - t);
        t = now_usec();
        call(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId",
             nullptr);
        floor.push_back(now_usec() - t);
    }
    std::printf("%.1f %.1f %.1f %.1f %.1f %.1f\n", percentile(ours, 0.5), percentile(ours, 0.99),
                percentile(floor, 0.5), percentile(floor, 0.99), percentile(ping, 0.5),
                percentile(ping, 0.99));
    return 0;
}

int calls(sd_bus* bus, int n, const std::string& sensor) {
    const std::vector<std::string> sensors{sensor};
    for (int i = 0; i < n; ++i) {
        call(bus, kVitals, kVitalsPath, kVitals, "GetValues", &sensors);
    }
    return 0;
}

int cold(sd_bus* bus, const std::string& service) {
    const double t = now_usec();
    if (service == "vitalsd") {
        call(bus, kVitals, kVitalsPath, kVitals, "ListSensors", nullptr);
    } else {
        call(bus, kKsys, "/", kKsys, "allSensors", nullptr);
    }
    std::printf("%.0f\n", now_usec() - t);
    return 0;
}

int on_update(sd_bus_message*, void* count, sd_bus_error*) {
    ++*static_cast<long*>(count);
    return 0;
}

int subscribe(sd_bus* bus, const std::string& service, double seconds, std::uint32_t interval_ms,
              const std::vector<std::string>& sensors) {
    long updates = 0;
    const bool ours = service == "vitalsd";
    const std::string match =
        ours ? std::string("type='signal',interface='") + kVitals + "',member='Updated'"
             : std::string("type='signal',interface='") + kKsys + "',member='newSensorData'";
    int r = sd_bus_add_match(bus, nullptr, match.c_str(), on_update, &updates);
    if (r < 0)
        fail("add match", r);
    if (ours) {
        call(bus, kVitals, kVitalsPath, kVitals, "Start", &sensors, interval_ms, true);
    } else {
        call(bus, kKsys, "/", kKsys, "subscribe", &sensors);
    }
    const double end = now_usec() + seconds * 1e6;
    for (double t = now_usec(); t < end; t = now_usec()) {
        r = sd_bus_process(bus, nullptr);
        if (r < 0)
            fail("process", r);
        if (r == 0) {
            r = sd_bus_wait(bus, static_cast<std::uint64_t>(end - t));
            if (r < 0 && r != -EINTR)
                fail("wait", r);
        }
    }
    if (ours) {
        call(bus, kVitals, kVitalsPath, kVitals, "Stop", nullptr);
    } else {
        call(bus, kKsys, "/", kKsys, "unsubscribe", &sensors);
    }
    std::printf("%ld\n", updates);
    return 0;
}

int usage() {
    std::fprintf(
        stderr,
        "usage: bus-timing latency N SENSOR | calls N SENSOR | cold vitalsd|ksystemstats |\n"
        "       subscribe vitalsd|ksystemstats SECONDS INTERVAL_MS SENSOR...\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3)
        return usage();
    const std::string mode = argv[1];
    sd_bus* bus = connect();
    int rc = 2;
    if (mode == "latency" && argc == 4) {
        rc = latency(bus, std::atoi(argv[2]), argv[3]);
    } else if (mode == "calls" && argc == 4) {
        rc = calls(bus, std::atoi(argv[2]), argv[3]);
    } else if (mode == "cold" && argc == 3) {
        rc = cold(bus, argv[2]);
    } else if (mode == "subscribe" && argc >= 6) {
        std::vector<std::string> sensors;
        for (int i = 5; i < argc; ++i)
            sensors.emplace_back(argv[i]);
        rc = subscribe(bus, argv[2], std::atof(argv[3]),
                       static_cast<std::uint32_t>(std::atoi(argv[4])), sensors);
    } else {
        rc = usage();
    }
    sd_bus_flush_close_unref(bus);
    return rc;
}
