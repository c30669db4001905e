// SPDX-License-Identifier: MIT
// vitalsctl start, stop and restart.
#include <gtest/gtest.h>

#include "ctl_process.hpp"
#include "json_reader.hpp"

namespace vitalsd::test {
namespace {

TEST(Start, ActivatesTheServiceAndSaysItsPid) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"start"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    ASSERT_TRUE(bus.service_running());
    EXPECT_EQ(result.out, "vitalsd started (pid " + std::to_string(bus.service_pid()) + ")\n");
}

TEST(Start, LeavesARunningServiceAlone) {
    PrivateBus bus(basic_fixture_args());
    VitalsClient client(bus);
    client.Version();
    const pid_t pid = bus.service_pid();

    const auto result = run_ctl(bus, {"start"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "vitalsd is already running (pid " + std::to_string(pid) + ")\n");
    EXPECT_EQ(bus.service_pid(), pid);
}

TEST(Stop, ReturnsOnlyOnceTheNameHasNoOwner) {
    PrivateBus bus(basic_fixture_args());
    VitalsClient client(bus);
    client.Version();
    const pid_t pid = bus.service_pid();

    const auto result = run_ctl(bus, {"stop"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "vitalsd stopped (was pid " + std::to_string(pid) + ")\n");
    EXPECT_FALSE(bus.service_running()) << "stop returned while the service still had its name";
}

TEST(Stop, OfAServiceNotRunningDoesNothing) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"stop"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "vitalsd is not running\n");
    EXPECT_FALSE(bus.service_running()) << "stop must not start the service to stop it";
}

TEST(Restart, ReplacesTheRunningInstance) {
    PrivateBus bus(basic_fixture_args());
    VitalsClient client(bus);
    client.Version();
    const pid_t old_pid = bus.service_pid();

    const auto result = run_ctl(bus, {"restart"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    const pid_t new_pid = bus.service_pid();
    EXPECT_NE(new_pid, 0);
    EXPECT_NE(new_pid, old_pid);
    EXPECT_EQ(result.out, "vitalsd restarted (pid " + std::to_string(new_pid) + ", was pid " +
                              std::to_string(old_pid) + ")\n");
}

TEST(Restart, StartsAServiceThatWasNotRunning) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"restart"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "vitalsd started (pid " + std::to_string(bus.service_pid()) + ")\n");
}

TEST(TheLifecycleCommands, AnswerInJson) {
    PrivateBus bus(basic_fixture_args());

    const auto started = parse_json(run_ctl(bus, {"start", "--json"}).out);
    EXPECT_TRUE(started["started"].flag);
    EXPECT_EQ(started["pid"].number, bus.service_pid());

    const pid_t first = bus.service_pid();
    const auto restarted = parse_json(run_ctl(bus, {"restart", "--json"}).out);
    EXPECT_EQ(restarted["stopped_pid"].number, first);
    EXPECT_EQ(restarted["pid"].number, bus.service_pid());

    const pid_t second = bus.service_pid();
    const auto stopped = parse_json(run_ctl(bus, {"stop", "--json"}).out);
    EXPECT_TRUE(stopped["stopped"].flag);
    EXPECT_EQ(stopped["pid"].number, second);

    const auto again = parse_json(run_ctl(bus, {"stop", "--json"}).out);
    EXPECT_FALSE(again["stopped"].flag);
    EXPECT_TRUE(again["pid"].is(Json::Type::Null));
}

}  // namespace
}  // namespace vitalsd::test
