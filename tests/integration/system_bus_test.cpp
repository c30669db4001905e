// SPDX-License-Identifier: MIT
// On a bus configured like the system bus, with the project's policy: everyone reads, only root
// shuts the service down or owns its name, and other users' command lines stay private.
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

constexpr uid_t kNobody = 65534;
constexpr const char* kInterface = "io.github.vitalsd.Vitals1";
constexpr const char* kAccessDenied = "org.freedesktop.DBus.Error.AccessDenied";

std::string policy_file() {
    const char* path = std::getenv("VITALSD_POLICY");
    if (path == nullptr) {
        throw std::runtime_error("VITALSD_POLICY is not set: run the tests with meson test");
    }
    return path;
}

bool become_nobody() {
    return ::setgroups(0, nullptr) == 0 && ::setgid(kNobody) == 0 && ::setuid(kNobody) == 0;
}

// Runs fn in a child process that has become nobody; returns what fn returned.
std::string as_nobody(const std::function<std::string()>& fn) {
    Child child(
        [&] {
            std::string result;
            try {
                result = fn();
            } catch (const std::exception& e) {
                result = std::string("exception: ") + e.what();
            }
            for (std::string_view left = result; !left.empty();) {
                const ssize_t n = ::write(STDOUT_FILENO, left.data(), left.size());
                if (n <= 0) {
                    break;
                }
                left.remove_prefix(static_cast<std::size_t>(n));
            }
            return 0;
        },
        {.out = ChildOptions::Stream::Pipe, .in_child = become_nobody});
    const auto status = child.wait(60s);
    if (status && WIFEXITED(*status) && WEXITSTATUS(*status) == 127) {
        return "cannot become nobody";
    }
    return child.output();
}

// Makes a call as the connection's owner; returns "ok" or the error's name.
std::string outcome_of(sdbus::IProxy& proxy, sdbus::MethodCall call) {
    try {
        proxy.callMethod(call);
        return "ok";
    } catch (const sdbus::Error& e) {
        return e.getName();
    }
}

// The command line of every process, by pid, as ListProcesses shows it to the caller.
using CommandLines = std::map<std::uint32_t, std::string>;

std::string encode(const CommandLines& lines) {
    std::string text;
    for (const auto& [pid, line] : lines) {
        text += std::to_string(pid) + "\t" + line + "\n";
    }
    return text;
}

CommandLines decode(const std::string& text) {
    CommandLines lines;
    std::istringstream in(text);
    std::string row;
    while (std::getline(in, row)) {
        const auto tab = row.find('\t');
        if (tab != std::string::npos) {
            lines[static_cast<std::uint32_t>(std::stoul(row.substr(0, tab)))] = row.substr(tab + 1);
        }
    }
    return lines;
}

CommandLines command_lines(VitalsClient& client) {
    CommandLines lines;
    for (const auto& process : client.ListProcesses()) {
        lines[process.get<0>()] = process.get<8>();
    }
    return lines;
}

// A process of nobody's own: sleep, started as nobody.
class NobodysProcess {
public:
    NobodysProcess()
        : sleep_({"sleep", "300"}, {.executable = "/bin/sleep", .in_child = become_nobody}) {
        // Nobody's from the start of its life in /proc: it must be sleep before anyone looks.
        const std::string expected(
            "sleep\0"
            "300\0",
            10);
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (cmdline() != expected && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(5ms);
        }
    }

    std::uint32_t pid() const { return static_cast<std::uint32_t>(sleep_.pid()); }

private:
    std::string cmdline() const {
        std::ifstream in("/proc/" + std::to_string(sleep_.pid()) + "/cmdline");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    Child sleep_;
};

class ADaemonOnTheSystemBus : public ::testing::Test {
protected:
    void SetUp() override {
        if (::getuid() != 0) {
            GTEST_SKIP() << "these tests act as root and as nobody";
        }
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (!bus.service_running() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
        }
        ASSERT_TRUE(bus.service_running()) << log();
    }

    std::string log() const {
        std::ifstream in(bus.dir() + "/daemon.log");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    // Makes a call from a connection of nobody's; returns "ok" or the error's name.
    std::string nobody_calls(const std::string& interface, const std::string& member,
                             const std::function<void(sdbus::MethodCall&)>& arguments = {}) {
        return as_nobody([&] {
            auto connection = bus.connect();
            auto proxy = sdbus::createProxy(*connection, kName, kPath);
            auto call = proxy->createMethodCall(interface, member);
            if (arguments) {
                arguments(call);
            }
            return outcome_of(*proxy, std::move(call));
        });
    }

    PrivateBus bus{PrivateBus::System{}, policy_file()};
    Child daemon{{daemon_binary(), "--system", "--idle-timeout=0", "--log=stderr"},
                 {.env = {{"DBUS_SYSTEM_BUS_ADDRESS", bus.address()}},
                  .out = ChildOptions::Stream::File,
                  .err = ChildOptions::Stream::File,
                  .file = bus.dir() + "/daemon.log"}};
};

TEST_F(ADaemonOnTheSystemBus, LetsAnyoneReadTheVitals) {
    const auto strings = [](std::vector<std::string> values) {
        return [values](sdbus::MethodCall& call) { call << values; };
    };
    EXPECT_EQ(nobody_calls(kInterface, "GetValues", strings({"load/1"})), "ok");
    EXPECT_EQ(nobody_calls(kInterface, "ListSensors"), "ok");
    EXPECT_EQ(nobody_calls(kInterface, "GetHistory",
                           [](sdbus::MethodCall& call) {
                               call << std::vector<std::string>{"load/1"} << std::uint64_t{0};
                           }),
              "ok");
    EXPECT_EQ(nobody_calls(kInterface, "ListProcesses"), "ok");
    EXPECT_EQ(nobody_calls(kInterface, "ListApplications"), "ok");
    EXPECT_EQ(nobody_calls(kInterface, "Start",
                           [](sdbus::MethodCall& call) {
                               call << std::uint32_t{500} << std::vector<std::string>{"load/1"};
                           }),
              "ok");
    EXPECT_EQ(nobody_calls(kInterface, "Stop"), "ok");
    EXPECT_EQ(nobody_calls("org.freedesktop.DBus.Properties", "Get",
                           [](sdbus::MethodCall& call) {
                               call << std::string(kInterface) << std::string("Version");
                           }),
              "ok");
    EXPECT_EQ(nobody_calls("org.freedesktop.DBus.Properties", "GetAll",
                           [](sdbus::MethodCall& call) { call << std::string(kInterface); }),
              "ok");
    EXPECT_EQ(nobody_calls("org.freedesktop.DBus.Introspectable", "Introspect"), "ok");
    EXPECT_EQ(nobody_calls("org.freedesktop.DBus.Peer", "Ping"), "ok");
}

TEST_F(ADaemonOnTheSystemBus, LetsOnlyRootShutItDown) {
    EXPECT_EQ(nobody_calls(kInterface, "Shutdown"), kAccessDenied);
    EXPECT_TRUE(bus.service_running());

    VitalsClient root(bus);
    EXPECT_EQ(error_of([&] { root.Shutdown(); }), "");
    const auto status = daemon.wait(20s);
    ASSERT_TRUE(status.has_value()) << "still running after Shutdown";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << log();
}

TEST_F(ADaemonOnTheSystemBus, LetsNobodyElseOwnItsName) {
    const auto outcome = as_nobody([&] {
        auto connection = bus.connect();
        try {
            connection->requestName(kName);
            return std::string("ok");
        } catch (const sdbus::Error& e) {
            return e.getName();
        }
    });
    EXPECT_EQ(outcome, kAccessDenied);
}

TEST_F(ADaemonOnTheSystemBus, RefusesToSetAProperty) {
    EXPECT_EQ(nobody_calls("org.freedesktop.DBus.Properties", "Set",
                           [](sdbus::MethodCall& call) {
                               call << std::string(kInterface) << std::string("IdleTimeout")
                                    << sdbus::Variant(std::uint32_t{1});
                           }),
              kAccessDenied);
}

TEST_F(ADaemonOnTheSystemBus, ShowsOtherUsersCommandLinesToRootAlone) {
    NobodysProcess sleeper;
    const auto test_pid = static_cast<std::uint32_t>(::getpid());
    const auto daemon_pid = static_cast<std::uint32_t>(daemon.pid());

    VitalsClient root(bus);
    const auto seen_by_root = command_lines(root);
    // The caller's own pid first, then what it saw.
    const auto reply = as_nobody([&] {
        VitalsClient client(bus);
        return std::to_string(::getpid()) + "\n" + encode(command_lines(client));
    });
    const auto nobodys_own_pid = static_cast<std::uint32_t>(std::atoi(reply.c_str()));
    const auto seen_by_nobody = decode(reply.substr(reply.find('\n') + 1));

    ASSERT_TRUE(seen_by_root.contains(test_pid));
    ASSERT_TRUE(seen_by_root.contains(sleeper.pid()));
    EXPECT_NE(seen_by_root.at(test_pid), "");
    EXPECT_EQ(seen_by_root.at(sleeper.pid()), "sleep 300");

    ASSERT_TRUE(seen_by_nobody.contains(test_pid)) << encode(seen_by_nobody);
    ASSERT_TRUE(seen_by_nobody.contains(daemon_pid)) << encode(seen_by_nobody);
    ASSERT_TRUE(seen_by_nobody.contains(sleeper.pid())) << encode(seen_by_nobody);
    ASSERT_TRUE(seen_by_nobody.contains(nobodys_own_pid)) << encode(seen_by_nobody);
    EXPECT_EQ(seen_by_nobody.at(test_pid), "") << "root's process";
    EXPECT_EQ(seen_by_nobody.at(daemon_pid), "") << "root's process";
    EXPECT_EQ(seen_by_nobody.at(sleeper.pid()), "sleep 300") << "nobody's own process";
    EXPECT_NE(seen_by_nobody.at(nobodys_own_pid), "") << "the caller itself";
}

}  // namespace
}  // namespace vitalsd::test
