// SPDX-License-Identifier: MIT
// Clients, the service and the bus itself die without warning: the rest must recover.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// Forks a process that subscribes and then waits to be killed; returns its pid once subscribed.
pid_t subscribed_child(const PrivateBus& bus, std::uint32_t interval_ms) {
    int ready[2];
    if (::pipe(ready) != 0) {
        return -1;
    }
    const pid_t child = ::fork();
    if (child == 0) {
        VitalsClient client(bus);
        client.Start(interval_ms, {"load/1", "cpu/all/usage"});
        (void)!::write(ready[1], "x", 1);
        for (;;) {
            ::pause();
        }
    }
    char byte;
    (void)!::read(ready[0], &byte, 1);
    ::close(ready[0]);
    ::close(ready[1]);
    return child;
}

TEST(CrashingClients, LeaveNoSubscriptionAndTheServiceThenExitsWhenIdle) {
    PrivateBus bus({"--idle-timeout=2"});
    VitalsClient watcher(bus);
    constexpr int kClients = 6;
    std::vector<pid_t> children;
    for (int i = 0; i < kClients; ++i) {
        children.push_back(subscribed_child(bus, 100));
    }
    ASSERT_EQ(watcher.Clients(), static_cast<std::uint32_t>(kClients));
    ASSERT_TRUE(watcher.Sampling());

    for (const pid_t child : children) {
        ::kill(child, SIGKILL);
        ::waitpid(child, nullptr, 0);
    }

    EXPECT_TRUE(watcher.pump_until([&] { return watcher.Clients() == 0; }, 2s));
    EXPECT_FALSE(watcher.Sampling());
    EXPECT_EQ(watcher.Interval(), 0u);
    EXPECT_TRUE(bus.wait_until_service_gone(6s)) << "no client left: the idle exit follows";
}

TEST(ACrashingService, IsReplacedByAFreshInstanceOnTheNextCall) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Start(100, {"load/1"});
    const pid_t first = bus.service_pid();
    ASSERT_GT(first, 0);

    ::kill(first, SIGKILL);
    ASSERT_TRUE(bus.wait_until_service_gone(2s));

    EXPECT_EQ(client.Clients(), 0u) << "no subscription survives in the new instance";
    const pid_t second = bus.service_pid();
    EXPECT_GT(second, 0);
    EXPECT_NE(second, first);
    EXPECT_FALSE(client.Sampling());
}

TEST(ALostBus, EndsTheServiceWithAClearLineAndAFailureStatus) {
    PrivateBus bus;
    const std::string log = bus.directory() + "/service.log";
    const pid_t service = ::fork();
    if (service == 0) {
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out, 2);
        ::setenv("DBUS_SESSION_BUS_ADDRESS", bus.address().c_str(), 1);
        ::execl(daemon_binary().c_str(), "vitalsd", "--idle-timeout=0",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ASSERT_TRUE([&] {
        for (int i = 0; i < 200 && !bus.service_running(); ++i) {
            std::this_thread::sleep_for(10ms);
        }
        return bus.service_running();
    }());

    bus.kill_bus();

    int status = 0;
    pid_t ended = 0;
    for (int i = 0; i < 300 && ended == 0; ++i) {
        ended = ::waitpid(service, &status, WNOHANG);
        std::this_thread::sleep_for(10ms);
    }
    if (ended == 0) {
        ::kill(service, SIGKILL);
        ::waitpid(service, nullptr, 0);
    }
    ASSERT_EQ(ended, service) << "the service did not notice its bus was gone";
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_NE(WEXITSTATUS(status), 0);
    const auto [read_status, output] = run_command("cat '" + log + "'");
    EXPECT_NE(output.find("bus connection lost"), std::string::npos) << output;
}

}  // namespace
}  // namespace vitalsd::test
