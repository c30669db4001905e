// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <sdbus-c++/sdbus-c++.h>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "vitals1_proxy.h"

namespace vitalsd::test {

using namespace std::chrono_literals;

inline constexpr const char* kName = "io.github.vitalsd.Vitals1";
inline constexpr const char* kPath = "/io/github/vitalsd/Vitals1";

/// A dbus-daemon of its own, started from the private bus's configuration
/// (dbus/private-bus.conf.in, $VITALSD_PRIVATE_BUS_CONFIG), whose service directory (in the
/// build tree) holds an activation file running the built vitalsd with the given arguments. The
/// machine's own buses are never touched.
class PrivateBus {
public:
    struct System {};

    explicit PrivateBus(const std::vector<std::string>& service_args = {});

    /// A bus configured like the machine's system bus: nobody may own a name or call a method
    /// unless a policy allows it, and the policy file given (the project's own) is included. It
    /// activates nothing; anyone may connect.
    PrivateBus(System, const std::string& policy_file);
    ~PrivateBus();
    PrivateBus(const PrivateBus&) = delete;
    PrivateBus& operator=(const PrivateBus&) = delete;

    const std::string& address() const { return address_; }
    /// The bus's own directory, removed with it: a place for a test's files.
    const std::string& directory() const { return dir_; }

    /// Returns a new client connection to this bus.
    std::unique_ptr<sdbus::IConnection> connect() const;

    /// Returns whether the service's name has an owner now (never activates it).
    bool service_running();

    /// Returns the pid of the name's owner, 0 when it has none.
    pid_t service_pid();

    /// Waits until the name has no owner; returns whether that happened in time.
    bool wait_until_service_gone(std::chrono::milliseconds timeout);

    /// Kills the bus daemon with SIGKILL, as a crash would.
    void kill_bus();

    /// Returns what the bus and the services it started wrote to stderr so far.
    std::string log() const;

    /// The bus's own directory, removed with it: a place for the test's files.
    const std::string& dir() const { return dir_; }

private:
    static std::string make_dir();
    /// Writes the config from the private bus's template and runs dbus-daemon with it.
    void start();

    std::string dir_;
    std::string address_;
    std::optional<Child> daemon_;
    std::unique_ptr<sdbus::IConnection> observer_;
    std::unique_ptr<sdbus::IProxy> bus_;
};

/// Holds a client's connection; a base class so that it exists before the proxy that uses it.
struct OwnedConnection {
    std::unique_ptr<sdbus::IConnection> owned_connection;
};

/// A client of the service through the generated proxy. Signals are dispatched only inside
/// pump(), on the calling thread, so tests stay single-threaded and deterministic.
class VitalsClient final : private OwnedConnection,
                           public sdbus::ProxyInterfaces<io::github::vitalsd::Vitals1_proxy> {
public:
    struct Update {
        std::uint64_t timestamp_usec;
        std::map<std::string, double> values;
        std::chrono::steady_clock::time_point received;
    };

    explicit VitalsClient(const PrivateBus& bus);
    ~VitalsClient();

    sdbus::IConnection& connection() { return *owned_connection; }
    sdbus::IProxy& proxy() { return getProxy(); }
    std::string unique_name() const { return owned_connection->getUniqueName(); }

    /// Dispatches incoming messages for the given time.
    void pump(std::chrono::milliseconds duration);

    /// Dispatches until the predicate holds or the timeout passes; returns the predicate.
    bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);

    struct SensorChange {
        std::vector<std::string> added;
        std::vector<std::string> removed;
        std::size_t updates_before = 0;  // how many updates had come when it came
    };

    std::vector<Update> updates;
    std::vector<SensorChange> sensor_changes;
    std::vector<std::map<std::string, sdbus::Variant>> property_changes;

private:
    void onUpdated(const std::uint64_t& timestamp_usec,
                   const std::map<std::string, double>& values) override;
    void onSensorsChanged(const std::vector<std::string>& added,
                          const std::vector<std::string>& removed) override;

    sdbus::Slot properties_match_;
};

/// Dispatches the messages of every client for the given time, waiting in one poll for all.
void pump_all(const std::vector<VitalsClient*>& clients, std::chrono::milliseconds duration);

/// Returns a fork of the test that has subscribed to the sensors at the interval through a client
/// of its own, and then waits to be killed.
Child subscribed_process(const PrivateBus& bus, std::uint32_t interval_ms,
                         const std::vector<std::string>& sensors);

/// Waits until a process has exited (or is a zombie); returns whether that happened in time.
bool wait_until_exited(pid_t pid, std::chrono::milliseconds timeout);

/// Returns the resident memory of a process in KiB (VmRSS), 0 when it is gone.
std::size_t resident_kib(pid_t pid);

/// Returns how many file descriptors a process has open.
std::size_t open_fds(pid_t pid);

/// Returns the service's open files less the processes its table keeps open (one stat file each),
/// right after a ListProcesses through client: what is left must not grow.
long fds_beyond_processes(pid_t service, VitalsClient& client);

/// Returns whether resident memory means anything: not under AddressSanitizer, whose quarantine
/// and shadow memory dwarf the service's own.
bool memory_is_measurable();

/// Returns the value of an environment variable that meson test sets; throws when it is unset.
std::string env_or_fail(const char* name);

/// Returns the path of the vitalsd binary under test.
std::string daemon_binary();

/// Returns the D-Bus error name a call fails with, or "" when it succeeds.
std::string error_of(const std::function<void()>& call);

}  // namespace vitalsd::test
