// SPDX-License-Identifier: MIT
// Clients, the service and the bus itself die without warning: the rest must recover.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <thread>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

TEST(CrashingClients, LeaveNoSubscriptionAndTheServiceThenExitsWhenIdle) {
    PrivateBus bus({"--idle-timeout=2"});
    VitalsClient watcher(bus);
    constexpr int kClients = 6;
    std::vector<Child> children;
    for (int i = 0; i < kClients; ++i) {
        children.push_back(subscribed_process(bus, 100, {"load/1", "cpu/all/usage"}));
    }
    ASSERT_EQ(watcher.Clients(), static_cast<std::uint32_t>(kClients));
    ASSERT_TRUE(watcher.Sampling());

    children.clear();  // killed, as a crash would

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

// The service run by the test itself rather than by the bus, so that the test sees how it ends
// when the bus goes away. Its standard error goes to a log file in the bus's directory.
class ServiceOutsideTheBus {
public:
    explicit ServiceOutsideTheBus(PrivateBus& bus)
        : log_(bus.directory() + "/service.log"),
          service_({daemon_binary(), "--idle-timeout=0"},
                   {.env = {{"DBUS_SESSION_BUS_ADDRESS", bus.address()}},
                    .err = ChildOptions::Stream::File,
                    .file = log_}) {
        for (int i = 0; i < 200 && !bus.service_running(); ++i) {
            std::this_thread::sleep_for(10ms);
        }
    }

    /// The wait status once the process has ended, or nothing if it is still running after 3 s.
    std::optional<int> wait_status() { return service_.wait(3s); }

    std::string log() const { return run_command("cat '" + log_ + "'").second; }

private:
    std::string log_;
    Child service_;
};

TEST(ALostBus, EndsTheServiceWithAClearLineAndAFailureStatus) {
    PrivateBus bus;
    ServiceOutsideTheBus service(bus);
    ASSERT_TRUE(bus.service_running());

    bus.kill_bus();

    const auto status = service.wait_status();
    ASSERT_TRUE(status.has_value()) << "the service did not notice its bus was gone";
    EXPECT_TRUE(WIFEXITED(*status));
    EXPECT_EQ(WEXITSTATUS(*status), 1);
    EXPECT_NE(service.log().find("bus connection lost"), std::string::npos) << service.log();
}

TEST(ALostBus, EndsTheServiceCleanlyWhileAReplyWaitsForItsMeasurement) {
    PrivateBus bus;
    ServiceOutsideTheBus service(bus);
    ASSERT_TRUE(bus.service_running());
    VitalsClient client(bus);
    // With nobody subscribed, a rate is measured over a window before the reply goes out.
    client.proxy()
        .callMethodAsync("GetValues")
        .onInterface(VitalsClient::INTERFACE_NAME)
        .withArguments(std::vector<std::string>{"cpu/all/usage"})
        .uponReplyInvoke([](const sdbus::Error*, std::uint64_t, std::map<std::string, double>) {});
    client.Version();  // after the GetValues on the same connection: the window has begun

    bus.kill_bus();

    const auto status = service.wait_status();
    ASSERT_TRUE(status.has_value()) << "the service did not notice its bus was gone";
    EXPECT_TRUE(WIFEXITED(*status)) << "ended by signal " << WTERMSIG(*status) << "\n"
                                    << service.log();
    EXPECT_EQ(WEXITSTATUS(*status), 1) << service.log();
    EXPECT_EQ(service.log().find("Sanitizer"), std::string::npos) << service.log();
}

}  // namespace
}  // namespace vitalsd::test
