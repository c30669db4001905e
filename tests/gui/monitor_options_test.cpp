// SPDX-License-Identifier: MIT
// vitals-monitor's command line, read by GLib's option parser: what it refuses, with which
// message and exit status, and what --help lists. None of it needs a display or a bus.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include "child_process.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

struct Outcome {
    int exit_status = -1;  // -1 when it did not exit by itself in time
    std::string out;
    std::string err;
};

// Runs the monitor with args and no display, in the C locale (GLib's messages in English), with
// a session bus address where no bus listens: a command line it accepts by mistake fails there
// instead of opening a window.
Outcome run_monitor(const std::vector<std::string>& args) {
    std::vector<std::string> argv{env_or_fail("VITALS_MONITOR_BINARY")};
    argv.insert(argv.end(), args.begin(), args.end());
    Child monitor(argv, ChildOptions{
                            .env = {{"DISPLAY", std::nullopt},
                                    {"WAYLAND_DISPLAY", std::nullopt},
                                    {"LC_ALL", "C"},
                                    {"DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus"}},
                            .out = ChildOptions::Stream::Pipe,
                            .err = ChildOptions::Stream::Pipe,
                            .die_with_parent = true,
                        });
    const auto status = monitor.wait(60s);
    return {status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1, monitor.output(),
            monitor.errors()};
}

TEST(MonitorCommandLine, RefusesABadIntervalInOneLineAndExitsTwo) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--interval=abc"}, "abc"}, {{"-i", "0"}, "0"},       {{"--interval", "-5"}, "-5"},
        {{"--interval="}, ""},       {{"-i", "12ms"}, "12ms"},
    };
    for (const auto& [args, value] : cases) {
        const auto outcome = run_monitor(args);
        EXPECT_EQ(outcome.exit_status, 2) << args[0];
        EXPECT_EQ(outcome.err, "vitals-monitor: bad interval '" + value + "'\n");
        EXPECT_EQ(outcome.out, "");
    }
}

TEST(MonitorCommandLine, RefusesWhatItDoesNotKnowWithTheHelpAndExitsTwo) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--bogus"}, "vitals-monitor: Unknown option --bogus\n"},
        {{"--interval"}, "vitals-monitor: Missing argument for --interval\n"},
        {{"extra"}, "vitals-monitor: unknown argument 'extra'\n"},
    };
    for (const auto& [args, first_line] : cases) {
        const auto outcome = run_monitor(args);
        EXPECT_EQ(outcome.exit_status, 2) << args[0];
        EXPECT_TRUE(outcome.err.starts_with(first_line)) << outcome.err;
        EXPECT_NE(outcome.err.find("--interval=MS"), std::string::npos) << outcome.err;
        EXPECT_EQ(outcome.out, "");
    }
}

TEST(MonitorCommandLine, ListsItsOptionsInTheHelpButNotTheTestHook) {
    for (const char* help : {"--help", "-h"}) {
        const auto outcome = run_monitor({help});
        EXPECT_EQ(outcome.exit_status, 0) << help;
        EXPECT_NE(outcome.out.find("-i, --interval=MS"), std::string::npos) << outcome.out;
        EXPECT_NE(outcome.out.find("--version"), std::string::npos) << outcome.out;
        EXPECT_NE(outcome.out.find("--help"), std::string::npos) << outcome.out;
        EXPECT_EQ(outcome.out.find("--dump-widgets"), std::string::npos) << outcome.out;
        EXPECT_EQ(outcome.err, "");
    }
}

TEST(MonitorCommandLine, PrintsItsVersion) {
    const auto outcome = run_monitor({"--version"});
    EXPECT_EQ(outcome.exit_status, 0);
    EXPECT_EQ(outcome.out, "vitals-monitor " + env_or_fail("VITALSD_VERSION") + "\n");
    EXPECT_EQ(outcome.err, "");
}

TEST(MonitorCommandLine, TakesAGoodIntervalAndGoesOnToTheBus) {
    const auto outcome = run_monitor({"--interval=500", "--dump-widgets=/nonexistent/widgets"});
    EXPECT_EQ(outcome.exit_status, 1);
    EXPECT_TRUE(outcome.err.starts_with("vitals-monitor: cannot connect to the session bus: "))
        << outcome.err;
}

}  // namespace
}  // namespace vitalsd::test
