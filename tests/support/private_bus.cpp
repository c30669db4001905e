// SPDX-License-Identifier: MIT
#include "private_bus.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace vitalsd::test {
namespace {

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void replace_all(std::string& text, const std::string& placeholder, const std::string& value) {
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
        text.replace(at, placeholder.size(), value);
    }
}

// Returns whether a process exists and has not exited (a zombie has).
bool running(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(stat, text);
    const auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

}  // namespace

std::string env_or_fail(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) {
        throw std::runtime_error(std::string(name) + " is not set: run the tests with meson test");
    }
    return value;
}

std::string daemon_binary() {
    return env_or_fail("VITALSD_BINARY");
}

std::string PrivateBus::make_dir() {
    std::string pattern = env_or_fail("VITALSD_TEST_DIR") + "/bus-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    return pattern;
}

PrivateBus::PrivateBus(const std::vector<std::string>& service_args) : dir_(make_dir()) {
    std::filesystem::create_directory(dir_ + "/services");
    std::string exec = daemon_binary();
    for (const auto& arg : service_args) {
        exec += " " + arg;
    }
    write_file(dir_ + "/services/io.github.vitalsd.Vitals1.service",
               "[D-BUS Service]\nName=io.github.vitalsd.Vitals1\nExec=" + exec + "\n");
    start();
}

PrivateBus::PrivateBus(System, const std::string& policy_file) : dir_(make_dir()) {
    // Other users connect too: they need to reach the socket.
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                           std::filesystem::perms::group_exec |
                                           std::filesystem::perms::others_exec);
    // An empty service directory: this bus activates nothing.
    std::filesystem::create_directory(dir_ + "/services");
    // Read after the session bus's rules, so these win: first take back what those allow
    // (sending anything, eavesdropping), then the default policy of dbus-daemon's own
    // system.conf, then the policy given. The session's limits stay: they bound nothing here.
    write_file(dir_ + "/bus-local.conf",
               "<busconfig>\n"
               "  <type>system</type>\n"
               "  <policy context=\"default\">\n"
               "    <deny send_destination=\"*\"/>\n"
               "    <deny eavesdrop=\"true\"/>\n"
               "    <allow user=\"*\"/>\n"
               "    <deny own=\"*\"/>\n"
               "    <deny send_type=\"method_call\"/>\n"
               "    <allow send_type=\"signal\"/>\n"
               "    <allow send_requested_reply=\"true\" send_type=\"method_return\"/>\n"
               "    <allow send_requested_reply=\"true\" send_type=\"error\"/>\n"
               "    <allow receive_type=\"method_call\"/>\n"
               "    <allow receive_type=\"method_return\"/>\n"
               "    <allow receive_type=\"error\"/>\n"
               "    <allow receive_type=\"signal\"/>\n"
               "    <allow send_destination=\"org.freedesktop.DBus\"\n"
               "           send_interface=\"org.freedesktop.DBus\"/>\n"
               "    <allow send_destination=\"org.freedesktop.DBus\"\n"
               "           send_interface=\"org.freedesktop.DBus.Introspectable\"/>\n"
               "    <allow send_destination=\"org.freedesktop.DBus\"\n"
               "           send_interface=\"org.freedesktop.DBus.Properties\"/>\n"
               "    <deny send_destination=\"org.freedesktop.DBus\"\n"
               "          send_interface=\"org.freedesktop.DBus\"\n"
               "          send_member=\"UpdateActivationEnvironment\"/>\n"
               "  </policy>\n"
               "  <include>" +
                   policy_file +
                   "</include>\n"
                   "</busconfig>\n");
    start();
}

void PrivateBus::start() {
    // The private bus's one configuration (dbus/private-bus.conf.in), filled in for this bus.
    std::string config = read_file(env_or_fail("VITALSD_PRIVATE_BUS_CONFIG"));
    replace_all(config, "@BUS_DIR@", dir_);
    replace_all(config, "@SERVICE_DIR@", dir_ + "/services");
    write_file(dir_ + "/bus.conf", config);

    int address_pipe[2];
    if (::pipe2(address_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    daemon_.emplace(
        std::vector<std::string>{"dbus-daemon", "--config-file=" + dir_ + "/bus.conf", "--nofork",
                                 "--nopidfile", "--print-address=3"},
        ChildOptions{
            .err = ChildOptions::Stream::File, .file = dir_ + "/bus.log", .fd3 = address_pipe[1]});
    ::close(address_pipe[1]);
    char buffer[512];
    std::string address;
    ssize_t n;
    while ((n = ::read(address_pipe[0], buffer, sizeof buffer)) > 0) {
        address.append(buffer, static_cast<std::size_t>(n));
        if (address.find('\n') != std::string::npos) {
            break;
        }
    }
    ::close(address_pipe[0]);
    if (address.empty()) {
        throw std::runtime_error("dbus-daemon did not start: " + this->log());
    }
    address_ = address.substr(0, address.find('\n'));
    observer_ = connect();
    bus_ = sdbus::createProxy(*observer_, "org.freedesktop.DBus", "/org/freedesktop/DBus");
}

void PrivateBus::kill_bus() {
    daemon_.reset();  // SIGKILL, as for any child of the test's
}

PrivateBus::~PrivateBus() {
    const pid_t service = daemon_ ? service_pid() : 0;
    bus_.reset();
    observer_.reset();
    if (daemon_) {
        daemon_->kill(SIGTERM);
        daemon_->wait(30s);  // else killed as it goes
        daemon_.reset();
    }
    // A service still running sees its bus go and exits. Wait for it: under the sanitizers it
    // writes its leak report then, into the log checked below.
    if (service > 0) {
        wait_until_exited(service, 5s);
    }
    const auto text = log();
    for (const char* finding : {"AddressSanitizer", "LeakSanitizer", "runtime error:"}) {
        if (text.find(finding) != std::string::npos) {
            ADD_FAILURE() << "the service reported a sanitizer finding:\n" << text;
            break;
        }
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::unique_ptr<sdbus::IConnection> PrivateBus::connect() const {
    return sdbus::createSessionBusConnectionWithAddress(address_);
}

bool PrivateBus::service_running() {
    bool has_owner = false;
    bus_->callMethod("NameHasOwner")
        .onInterface("org.freedesktop.DBus")
        .withArguments(std::string(kName))
        .storeResultsTo(has_owner);
    return has_owner;
}

pid_t PrivateBus::service_pid() {
    std::uint32_t pid = 0;
    try {
        bus_->callMethod("GetConnectionUnixProcessID")
            .onInterface("org.freedesktop.DBus")
            .withArguments(std::string(kName))
            .storeResultsTo(pid);
    } catch (const sdbus::Error&) {
        return 0;  // no owner
    }
    return static_cast<pid_t>(pid);
}

bool PrivateBus::wait_until_service_gone(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!service_running()) {
            return true;
        }
        std::this_thread::sleep_for(20ms);
    }
    return !service_running();
}

std::string PrivateBus::log() const {
    std::ifstream in(dir_ + "/bus.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

VitalsClient::VitalsClient(const PrivateBus& bus)
    : OwnedConnection{bus.connect()}, ProxyInterfaces(*owned_connection, kName, kPath) {
    properties_match_ = owned_connection->addMatch(
        "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',"
        "path='/io/github/vitalsd/Vitals1'",
        [this](sdbus::Message& message) {
            std::string interface;
            std::map<std::string, sdbus::Variant> changed;
            message >> interface >> changed;
            property_changes.push_back(std::move(changed));
        });
    registerProxy();
}

VitalsClient::~VitalsClient() {
    unregisterProxy();
    properties_match_ = {};
}

void VitalsClient::onUpdated(const std::uint64_t& timestamp_usec,
                             const std::map<std::string, double>& values) {
    updates.push_back({timestamp_usec, values, std::chrono::steady_clock::now()});
}

void VitalsClient::onSensorsChanged(const std::vector<std::string>& added,
                                    const std::vector<std::string>& removed) {
    sensor_changes.push_back({added, removed, updates.size()});
}

bool VitalsClient::pump_until(const std::function<bool()>& done,
                              std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            return false;
        }
        if (owned_connection->processPendingRequest()) {
            continue;
        }
        const auto poll_data = owned_connection->getEventLoopPollData();
        pollfd fd{poll_data.fd, poll_data.events, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        int wait_ms = static_cast<int>(left.count()) + 1;
        const int bus_ms = poll_data.getPollTimeout();
        if (bus_ms >= 0 && bus_ms < wait_ms) {
            wait_ms = bus_ms;
        }
        ::poll(&fd, 1, wait_ms);
    }
    return true;
}

void VitalsClient::pump(std::chrono::milliseconds duration) {
    pump_until([] { return false; }, duration);
}

void pump_all(const std::vector<VitalsClient*>& clients, std::chrono::milliseconds duration) {
    const auto deadline = std::chrono::steady_clock::now() + duration;
    std::vector<pollfd> fds(clients.size());
    while (std::chrono::steady_clock::now() < deadline) {
        for (std::size_t i = 0; i < clients.size(); ++i) {
            auto& connection = clients[i]->connection();
            while (connection.processPendingRequest()) {
            }
            const auto poll_data = connection.getEventLoopPollData();
            fds[i] = {poll_data.fd, poll_data.events, 0};
        }
        ::poll(fds.data(), fds.size(), 10);
    }
}

Child subscribed_process(const PrivateBus& bus, std::uint32_t interval_ms,
                         const std::vector<std::string>& sensors) {
    Child child(
        [&] {
            VitalsClient client(bus);
            client.Start(interval_ms, sensors);
            (void)!::write(STDOUT_FILENO, "x", 1);  // subscribed
            for (;;) {
                ::pause();
            }
            return 0;
        },
        {.out = ChildOptions::Stream::Pipe});
    child.read_until([](const std::string& output) { return !output.empty(); }, 20s);
    return child;
}

bool wait_until_exited(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running(pid)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

std::size_t resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            std::size_t kib = 0;
            status >> kib;
            return kib;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

std::size_t open_fds(pid_t pid) {
    std::error_code error;
    std::size_t count = 0;
    for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", error), end;
         !error && it != end; it.increment(error)) {
        ++count;
    }
    return count;
}

long fds_beyond_processes(pid_t service, VitalsClient& client) {
    const auto processes = client.ListProcesses().size();
    return static_cast<long>(open_fds(service)) - static_cast<long>(processes);
}

bool memory_is_measurable() {
    return std::getenv("VITALSD_SANITIZED") == nullptr;
}

std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const sdbus::Error& e) {
        return e.getName();
    }
    return "";
}

}  // namespace vitalsd::test
