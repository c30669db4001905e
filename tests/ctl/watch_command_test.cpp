// SPDX-License-Identifier: MIT
// vitalsctl watch: lines or JSON lines when piped, a dashboard redrawn in place in a terminal,
// Ctrl-C that leaves no subscription behind, and a service that dies under it.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>

#include "ctl_process.hpp"
#include "fixture_path.hpp"
#include "json_reader.hpp"
#include "screen_model.hpp"

namespace vitalsd::test {
namespace {

// Generous: the machine may be busy; a test waits for a condition, never for a set time.
constexpr auto kPatience = 20s;

std::function<bool(const std::string&)> lines_at_least(std::size_t count) {
    return [count](const std::string& output) {
        return static_cast<std::size_t>(std::count(output.begin(), output.end(), '\n')) >= count;
    };
}

// Returns the service's Clients property without activating a new instance.
std::optional<std::uint32_t> clients_of_running_service(PrivateBus& bus) {
    if (!bus.service_running()) {
        return std::nullopt;
    }
    VitalsClient observer(bus);
    return observer.Clients();
}

TEST(WatchPiped, PrintsALineAnUpdateAndStopsCleanlyOnSigint) {
    PrivateBus bus(basic_fixture_args());
    auto watch = CtlProcess::piped(bus, {"watch", "-i", "200", "load/1", "memory/physical/used"});

    ASSERT_TRUE(watch.read_until(lines_at_least(3), kPatience)) << watch.errors();
    ASSERT_EQ(clients_of_running_service(bus), 1u);
    watch.send_signal(SIGINT);

    EXPECT_EQ(watch.wait(kPatience), 0) << watch.errors();
    const std::regex line(R"(\d\d:\d\d:\d\d  memory/physical/used 318\.4 MiB  load/1 0\.49)");
    for (const auto& text : watch.lines()) {
        EXPECT_TRUE(std::regex_match(text, line)) << text;
    }
    EXPECT_EQ(watch.errors(), "");
    EXPECT_EQ(clients_of_running_service(bus), 0u) << "watch left its subscription behind";
}

TEST(WatchPiped, InJsonPrintsOneDocumentAnUpdate) {
    PrivateBus bus(basic_fixture_args());
    auto watch = CtlProcess::piped(bus, {"watch", "--json", "-i", "200", "load/*"});

    ASSERT_TRUE(watch.read_until(lines_at_least(2), kPatience)) << watch.errors();
    watch.send_signal(SIGTERM);
    EXPECT_EQ(watch.wait(kPatience), 0) << watch.errors();

    double previous = 0;
    for (const auto& text : watch.lines()) {
        const auto json = parse_json(text);
        ASSERT_TRUE(json["timestamp_usec"].is(Json::Type::Number)) << text;
        EXPECT_GT(json["timestamp_usec"].number, previous);
        previous = json["timestamp_usec"].number;
        const auto& values = json["values"].members;
        ASSERT_EQ(values.size(), 3u) << text;
        EXPECT_EQ(values.at("load/1").number, 0.49);
        EXPECT_EQ(values.at("load/5").number, 0.22);
        EXPECT_EQ(values.at("load/15").number, 0.07);
    }
}

TEST(WatchPiped, ShowsThePressureStallsInTheOverviewWhereTheKernelHasThem) {
    PrivateBus bus(basic_fixture_args());
    auto watch = CtlProcess::piped(bus, {"watch", "-i", "200"});

    ASSERT_TRUE(watch.read_until(lines_at_least(1), kPatience)) << watch.errors();
    watch.send_signal(SIGINT);
    EXPECT_EQ(watch.wait(kPatience), 0) << watch.errors();
    EXPECT_TRUE(watch.lines().front().ends_with(
        "  load/15 0.07  pressure/cpu/some 0.0 %  pressure/memory/some 0.0 %  "
        "pressure/io/some 0.0 %"))
        << watch.lines().front();
}

TEST(WatchPiped, LeavesThePressureStallsOutOfTheOverviewWhereTheKernelHasNone) {
    PrivateBus bus(
        {"--proc-root=" + fixture_path("vm/proc"), "--sys-root=" + fixture_path("vm/sys")});
    auto watch = CtlProcess::piped(bus, {"watch", "-i", "200"});

    ASSERT_TRUE(watch.read_until(lines_at_least(1), kPatience)) << watch.errors();
    watch.send_signal(SIGINT);
    EXPECT_EQ(watch.wait(kPatience), 0) << watch.errors();
    EXPECT_NE(watch.lines().front().find("load/15"), std::string::npos) << watch.lines().front();
    EXPECT_EQ(watch.lines().front().find("pressure/"), std::string::npos) << watch.lines().front();
}

TEST(WatchPiped, RefusesAnUnknownSensorInOneLine) {
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"watch", "cpu/cpu7/usage"});

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err,
              "vitalsctl: unknown sensor: no sensor 'cpu/cpu7/usage' "
              "(io.github.vitalsd.Error.UnknownSensor)\n");
}

TEST(WatchInATerminal, RedrawsInPlaceAndExitsCleanlyOnCtrlC) {
    PrivateBus bus(basic_fixture_args());
    constexpr unsigned short kRows = 24;
    auto watch = CtlProcess::in_terminal(bus, {"watch", "-i", "200"}, kRows, 100);

    // Several frames: each after the first starts by moving the cursor up over the last.
    const auto frames_drawn = [](const std::string& output) {
        std::size_t ups = 0;
        for (auto at = output.find("\x1b[", 0); at != std::string::npos;
             at = output.find("\x1b[", at + 1)) {
            const auto end = output.find_first_not_of("0123456789", at + 2);
            ups += end != std::string::npos && end > at + 2 && output[end] == 'A';
        }
        return ups;
    };
    ASSERT_TRUE(
        watch.read_until([&](const std::string& out) { return frames_drawn(out) >= 4; }, kPatience))
        << watch.output();
    ASSERT_EQ(clients_of_running_service(bus), 1u);

    watch.type("xyz");   // keys typed at the dashboard
    watch.type("\x03");  // Ctrl-C: the terminal sends SIGINT
    EXPECT_EQ(watch.wait(kPatience), 0) << watch.output();
    // Echoed, they (and the ^C) would land in the middle of a frame being drawn.
    EXPECT_EQ(watch.output().find("xyz"), std::string::npos) << "typed keys are not echoed";
    EXPECT_EQ(watch.output().find("^C"), std::string::npos) << watch.output();
    EXPECT_EQ(clients_of_running_service(bus), 0u) << "watch left its subscription behind";

    ScreenModel screen(kRows);
    screen.feed(watch.output());
    EXPECT_EQ(screen.scrolled(), 0u) << "the dashboard scrolled instead of redrawing in place";
    EXPECT_GE(screen.cursor_ups(), 4u);
    // The overview of the fixture: a title and 12 sensors, never lower on the screen.
    EXPECT_LE(screen.lowest_row(), 13u);
    const auto& lines = screen.screen();
    EXPECT_TRUE(lines[0].starts_with("vitalsd 0.1.0 · pid " + std::to_string(bus.service_pid())))
        << lines[0];
    EXPECT_TRUE(lines[1].starts_with("cpu/all/usage                  0.0 %    [")) << lines[1];
    EXPECT_TRUE(lines[4].starts_with("memory/physical/used         318.4 MiB")) << lines[4];
    EXPECT_TRUE(lines[9].starts_with("load/15                       0.07")) << lines[9];
    // The fixture has /proc/pressure: the stalls follow the load.
    EXPECT_TRUE(lines[10].starts_with("pressure/cpu/some              0.0 %    [")) << lines[10];
    EXPECT_TRUE(lines[12].starts_with("pressure/io/some               0.0 %    [")) << lines[12];
    EXPECT_EQ(lines[13], "");
    EXPECT_NE(watch.output().find("\x1b[?25h"), std::string::npos) << "the cursor stays hidden";
}

TEST(Watch, ResumesFromANewInstanceWhenTheServiceIsKilled) {
    PrivateBus bus(basic_fixture_args());
    auto watch = CtlProcess::piped(bus, {"watch", "--json", "-i", "200", "load/1"});
    ASSERT_TRUE(watch.read_until(lines_at_least(2), kPatience)) << watch.errors();
    const pid_t killed = bus.service_pid();
    ASSERT_GT(killed, 0);

    ::kill(killed, SIGKILL);

    // Watch starts a new instance by subscribing again; nobody else calls the service here.
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    pid_t replacement = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        replacement = bus.service_pid();
        if (replacement != 0 && replacement != killed) {
            break;
        }
        watch.read_until([](const std::string&) { return false; }, 50ms);
    }
    ASSERT_NE(replacement, 0) << watch.errors() << bus.log();
    ASSERT_NE(replacement, killed);
    // The killed instance can send nothing: later lines come from the new one.
    const std::size_t before = watch.lines().size();
    EXPECT_TRUE(watch.read_until(lines_at_least(before + 2), kPatience)) << watch.errors();
    EXPECT_EQ(clients_of_running_service(bus), 1u);
    EXPECT_NE(watch.errors().find("vitalsd pid " + std::to_string(killed) +
                                  " went away; watching pid " + std::to_string(replacement)),
              std::string::npos)
        << watch.errors();

    watch.send_signal(SIGINT);
    EXPECT_EQ(watch.wait(kPatience), 0);
    EXPECT_EQ(clients_of_running_service(bus), 0u);
}

}  // namespace
}  // namespace vitalsd::test
