// SPDX-License-Identifier: MIT
// vitalsctl status: the service's state without activating it, with LSB exit codes.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <regex>

#include "ctl_process.hpp"
#include "json_reader.hpp"

namespace vitalsd::test {
namespace {

TEST(StatusOfAServiceNotRunning, ExitsThreeAndDoesNotActivateIt) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"status"});

    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(
        result.out,
        "vitalsd is not running (no owner of io.github.vitalsd.Vitals1 on the session bus)\n");
    EXPECT_EQ(result.err, "");
    EXPECT_FALSE(bus.service_running()) << "status must not start the service";
}

TEST(StatusOfAServiceNotRunning, SaysSoInJson) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"status", "--json"});

    EXPECT_EQ(result.exit_code, 3);
    const auto json = parse_json(result.out);
    EXPECT_FALSE(json["running"].flag);
    EXPECT_EQ(json["bus"].text, "session");
    EXPECT_FALSE(json.members.contains("pid"));
    EXPECT_FALSE(bus.service_running());
}

TEST(StatusOfARunningService, ExitsZeroAndShowsItsState) {
    PrivateBus bus(basic_fixture_args());
    VitalsClient client(bus);
    client.Version();  // activated

    const auto result = run_ctl(bus, {"status"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::string unique_name_hidden =
        std::regex_replace(result.out, std::regex(", as :1\\.[0-9]+"), ", as :1.N");
    EXPECT_EQ(unique_name_hidden,
              "vitalsd is running\n"
              "  pid           " +
                  std::to_string(bus.service_pid()) +
                  "\n"
                  "  version       0.1.0\n"
                  "  bus           session, as :1.N\n"
                  "  sampling      no\n"
                  "  interval      none\n"
                  "  clients       0\n"
                  "  idle timeout  30 s\n");
}

TEST(StatusOfARunningService, ShowsSubscribersAndTheIntervalInJson) {
    PrivateBus bus({"--idle-timeout=9"});
    VitalsClient client(bus);
    client.Start(250, {"load/1"});

    const auto result = run_ctl(bus, {"--json", "status"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = parse_json(result.out);
    EXPECT_TRUE(json["running"].flag);
    EXPECT_TRUE(json["pid"].is(Json::Type::Number));
    EXPECT_EQ(json["pid"].number, bus.service_pid());
    EXPECT_TRUE(json["unique_name"].text.starts_with(":1."));
    EXPECT_EQ(json["version"].text, "0.1.0");
    EXPECT_EQ(json["bus"].text, "session");
    EXPECT_TRUE(json["sampling"].flag);
    EXPECT_EQ(json["interval_ms"].number, 250);
    EXPECT_EQ(json["clients"].number, 1);
    EXPECT_EQ(json["idle_timeout_s"].number, 9);
}

TEST(StatusWithoutABus, ExitsFourForUnknown) {
    // A bus that is not there: the address of a socket that does not exist.
    const auto [status, output] = run_command(
        "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus " + ctl_binary() + " status");
    EXPECT_EQ(WEXITSTATUS(status), 4);
    EXPECT_NE(output.find("cannot connect to the session bus"), std::string::npos) << output;
}

}  // namespace
}  // namespace vitalsd::test
