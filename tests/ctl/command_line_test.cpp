// SPDX-License-Identifier: MIT
#include "command_line.hpp"

#include <gtest/gtest.h>

namespace vitalsd::ctl {
namespace {

using Args = std::vector<std::string>;

// Returns the message of the UsageError that parsing args throws; fails the test when it
// throws nothing.
std::string rejection_of(const Args& args) {
    try {
        parse_command_line(args);
    } catch (const UsageError& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted " << ::testing::PrintToString(args);
    return {};
}

TEST(ACommandLine, NamesTheCommandAndItsSensors) {
    const auto inv = parse_command_line({"get", "cpu/all/usage", "memory/*/used"});
    EXPECT_EQ(inv.command, Command::Get);
    EXPECT_EQ(inv.sensors, (Args{"cpu/all/usage", "memory/*/used"}));
    EXPECT_EQ(inv.bus, BusChoice::User);
    EXPECT_FALSE(inv.json);
    EXPECT_TRUE(inv.color);
}

TEST(ACommandLine, TakesGlobalOptionsBeforeAndAfterTheCommand) {
    const auto inv = parse_command_line({"--system", "get", "load/1", "--json", "--no-color"});
    EXPECT_EQ(inv.bus, BusChoice::System);
    EXPECT_TRUE(inv.json);
    EXPECT_FALSE(inv.color);
    EXPECT_EQ(inv.sensors, (Args{"load/1"}));
    EXPECT_EQ(parse_command_line({"--system", "--user", "status"}).bus, BusChoice::User);
}

TEST(ACommandLine, ReadsAValueGluedWithEqualsOrShortOrAsTheNextArgument) {
    EXPECT_EQ(parse_command_line({"watch", "-i", "250"}).interval_ms, 250u);
    EXPECT_EQ(parse_command_line({"watch", "-i250"}).interval_ms, 250u);
    EXPECT_EQ(parse_command_line({"watch", "--interval=250"}).interval_ms, 250u);
    EXPECT_EQ(parse_command_line({"watch", "--interval", "250", "load/1"}).sensors,
              (Args{"load/1"}));
    EXPECT_EQ(parse_command_line({"top", "-n", "5"}).process_count, 5u);
    EXPECT_EQ(parse_command_line({"top", "--sort=mem"}).order, ProcessOrder::Memory);
    EXPECT_EQ(parse_command_line({"top", "--sort", "pid"}).order, ProcessOrder::Pid);
    EXPECT_EQ(parse_command_line({"history", "load/1", "--since", "5m"}).since_usec, 300'000'000u);
}

TEST(ACommandLine, TakesAnUnambiguousAbbreviationOfALongOption) {
    EXPECT_EQ(parse_command_line({"watch", "--int=500"}).interval_ms, 500u);
    EXPECT_EQ(parse_command_line({"top", "--so", "mem"}).order, ProcessOrder::Memory);
    EXPECT_EQ(parse_command_line({"--sy", "status"}).bus, BusChoice::System);
    EXPECT_FALSE(parse_command_line({"get", "--no"}).color);
    EXPECT_EQ(rejection_of({"watch", "--int=0"}), "--int wants milliseconds, not '0'");
    EXPECT_EQ(rejection_of({"watch", "--int"}), "--int needs a value");
    EXPECT_EQ(rejection_of({"status", "--s"}), "ambiguous option '--s'");
}

TEST(ACommandLine, TakesShortOptionsTogether) {
    const auto inv = parse_command_line({"top", "-Vn5"});
    EXPECT_TRUE(inv.show_version);
    EXPECT_EQ(inv.process_count, 5u);
    EXPECT_EQ(rejection_of({"top", "-Vx"}), "unknown option '-x'");
}

TEST(ACommandLine, CanBeParsedAgainAfterAnError) {
    EXPECT_EQ(rejection_of({"top", "-xV"}), "unknown option '-x'");  // in the middle of "-xV"
    EXPECT_EQ(parse_command_line({"watch", "-i", "300"}).interval_ms, 300u);
    EXPECT_FALSE(parse_command_line({"watch"}).show_version);
}

TEST(ACommandLine, HasDefaultsForEachCommand) {
    EXPECT_EQ(parse_command_line({"watch"}).interval_ms, 1000u);
    EXPECT_EQ(parse_command_line({"top"}).interval_ms, 2000u);
    EXPECT_EQ(parse_command_line({"top"}).order, ProcessOrder::Cpu);
    EXPECT_FALSE(parse_command_line({"top"}).process_count.has_value());
    EXPECT_FALSE(parse_command_line({"top"}).applications);
    EXPECT_EQ(parse_command_line({"history", "load/1"}).since_usec, 60'000'000u);
}

TEST(ACommandLine, TreatsEverythingAfterADoubleDashAsSensors) {
    EXPECT_EQ(parse_command_line({"get", "--", "--json"}).sensors, (Args{"--json"}));
}

TEST(ACommandLine, EndsItsOptionsAtADoubleDashBeforeOrAfterTheCommand) {
    const auto inv = parse_command_line({"--json", "--", "get", "-x", "--"});
    EXPECT_EQ(inv.command, Command::Get);
    EXPECT_TRUE(inv.json);
    EXPECT_EQ(inv.sensors, (Args{"-x", "--"}));
    EXPECT_EQ(parse_command_line({"get", "-"}).sensors, (Args{"-"}));
}

TEST(ACommandLine, TakesADoubleDashAfterAnOptionAsItsValue) {
    EXPECT_EQ(rejection_of({"watch", "-i", "--", "load/1"}), "-i wants milliseconds, not '--'");
    EXPECT_EQ(rejection_of({"history", "load/1", "--since", "--"}),
              "'--' is not a duration such as 500ms, 90s, 5m or 2h");
}

TEST(ACommandLine, AsksForHelpOrTheVersionWithoutACommand) {
    EXPECT_TRUE(parse_command_line({"--help"}).show_help);
    EXPECT_TRUE(parse_command_line({"-h"}).show_help);
    EXPECT_TRUE(parse_command_line({"--version"}).show_version);
    EXPECT_TRUE(parse_command_line({"-V"}).show_version);
    EXPECT_TRUE(parse_command_line({"watch", "--help"}).show_help);
}

TEST(ACommandLine, RefusesWhatItCannotCarryOut) {
    EXPECT_EQ(rejection_of({}), "no command given");
    EXPECT_EQ(rejection_of({"frobnicate"}), "unknown command 'frobnicate'");
    EXPECT_EQ(rejection_of({"get", "--frob"}), "unknown option '--frob'");
    EXPECT_EQ(rejection_of({"get", "--json=yes"}), "--json takes no value");
    EXPECT_EQ(rejection_of({"get", "--help=me"}), "--help takes no value");
    EXPECT_EQ(rejection_of({"get", "--frob=1"}), "unknown option '--frob'");
    EXPECT_EQ(rejection_of({"get", "--=1"}), "unknown option '--'");
    EXPECT_EQ(rejection_of({"get", "-x"}), "unknown option '-x'");
    EXPECT_EQ(rejection_of({"watch", "-i"}), "-i needs a value");
    EXPECT_EQ(rejection_of({"history", "load/1", "--since"}), "--since needs a value");
    EXPECT_EQ(rejection_of({"top", "--sort"}), "--sort needs a value");
    EXPECT_EQ(rejection_of({"watch", "-i", "0"}), "-i wants milliseconds, not '0'");
    EXPECT_EQ(rejection_of({"watch", "-i", "fast"}), "-i wants milliseconds, not 'fast'");
    EXPECT_EQ(rejection_of({"top", "--sort", "name"}), "--sort wants cpu, mem or pid, not 'name'");
    EXPECT_EQ(rejection_of({"top", "-n", "0"}), "-n wants a number of processes, not '0'");
    EXPECT_EQ(rejection_of({"history"}), "history wants at least one sensor (an id or a pattern)");
}

TEST(ACommandLine, RefusesAnOptionOfAnotherCommand) {
    EXPECT_EQ(rejection_of({"watch", "--raw"}), "--raw applies to get only");
    EXPECT_EQ(rejection_of({"sensors", "--openmetrics"}), "--openmetrics applies to get only");
    EXPECT_EQ(rejection_of({"get", "--openmetrics", "--json"}),
              "--openmetrics prints its own format: not with --raw or --json");
    EXPECT_EQ(rejection_of({"get", "-i", "100"}), "-i/--interval applies to watch and top only");
    EXPECT_EQ(rejection_of({"watch", "-n", "3"}), "-n/--count applies to top only");
    EXPECT_EQ(rejection_of({"get", "--sort", "cpu"}), "--sort applies to top only");
    EXPECT_EQ(rejection_of({"get", "--since", "1m"}), "--since applies to history only");
    EXPECT_EQ(rejection_of({"status", "load/1"}), "status takes no arguments, not 'load/1'");
    EXPECT_EQ(rejection_of({"top", "x"}), "top takes no arguments, not 'x'");
}

TEST(ACommandLine, ListsApplicationsInTopSortedByCpuOrMemory) {
    const auto apps = parse_command_line({"top", "--apps", "--sort", "mem", "-n", "5"});
    EXPECT_TRUE(apps.applications);
    EXPECT_EQ(apps.order, ProcessOrder::Memory);
    EXPECT_EQ(apps.process_count, 5u);
    EXPECT_EQ(rejection_of({"top", "--apps", "--sort", "pid"}),
              "--sort pid applies to processes only; --apps sorts by cpu or mem");
    EXPECT_EQ(rejection_of({"watch", "--apps"}), "--apps applies to top only");
}

TEST(ADuration, IsReadInItsUnit) {
    EXPECT_EQ(parse_duration_usec("500ms"), 500'000u);
    EXPECT_EQ(parse_duration_usec("90s"), 90'000'000u);
    EXPECT_EQ(parse_duration_usec("90"), 90'000'000u);
    EXPECT_EQ(parse_duration_usec("5m"), 300'000'000u);
    EXPECT_EQ(parse_duration_usec("5min"), 300'000'000u);
    EXPECT_EQ(parse_duration_usec("2h"), 7'200'000'000u);
}

TEST(ADuration, IsRefusedWhenMalformedOrAbsurdlyLong) {
    for (const char* bad : {"", "s", "-5s", "5 s", "5d", "1.5s", "99999999999h"}) {
        EXPECT_THROW(parse_duration_usec(bad), UsageError) << bad;
    }
}

}  // namespace
}  // namespace vitalsd::ctl
