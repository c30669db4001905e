// SPDX-License-Identifier: MIT
// The service leaves when idle, stays while needed, and never loses a call on the way out.
// When the countdown is due is unit-tested on the fake clock (idle_countdown_test.cpp).
#include <gtest/gtest.h>
#include <signal.h>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

TEST(AnIdleService, ExitsAfterItsTimeout) {
    PrivateBus bus({"--idle-timeout=1"});
    VitalsClient client(bus);
    client.Version();
    ASSERT_TRUE(bus.service_running());

    EXPECT_TRUE(bus.wait_until_service_gone(3s));
    EXPECT_NE(bus.log().find("exiting: idle for 1 s"), std::string::npos) << bus.log();
}

TEST(AnIdleService, IsStartedAgainByTheNextCall) {
    PrivateBus bus({"--idle-timeout=1"});
    VitalsClient client(bus);
    client.Version();
    const pid_t first = bus.service_pid();
    ASSERT_TRUE(bus.wait_until_service_gone(3s));

    EXPECT_EQ(client.Clients(), 0u);
    EXPECT_NE(bus.service_pid(), first);
}

TEST(AServiceWithASubscriber, StaysPastItsIdleTimeout) {
    PrivateBus bus({"--idle-timeout=1"});
    VitalsClient client(bus);
    client.Start(500, {"load/1"});

    client.pump(1500ms);
    EXPECT_TRUE(bus.service_running());
    EXPECT_GE(client.updates.size(), 2u);

    client.Stop();
    EXPECT_TRUE(bus.wait_until_service_gone(3s));
}

TEST(TheShutdownMethod, RepliesThenExitsAndTheNextCallStartsAFreshInstance) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Version();
    const pid_t first = bus.service_pid();

    EXPECT_EQ(error_of([&] { client.Shutdown(); }), "");
    EXPECT_TRUE(bus.wait_until_service_gone(2s));
    EXPECT_NE(bus.log().find("exiting: Shutdown called"), std::string::npos) << bus.log();

    EXPECT_EQ(client.Version(), "0.1.0");
    EXPECT_NE(bus.service_pid(), first);
}

TEST(SigTerm, TakesTheSameCleanPathAsTheIdleExit) {
    PrivateBus bus;
    VitalsClient client(bus);
    client.Start(100, {"load/1"});
    const pid_t service = bus.service_pid();
    ::kill(service, SIGTERM);

    EXPECT_TRUE(bus.wait_until_service_gone(2s));
    EXPECT_TRUE(wait_until_exited(service, 2s));
    EXPECT_NE(bus.log().find("exiting: signal SIGTERM"), std::string::npos) << bus.log();
    EXPECT_NE(bus.log().find("vitalsd: stopped\n"), std::string::npos) << bus.log();
}

}  // namespace
}  // namespace vitalsd::test
