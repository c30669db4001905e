// SPDX-License-Identifier: MIT
#include "options.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vitalsd {
namespace {

using Args = std::vector<std::string>;

// Returns the message of the std::invalid_argument that parsing args throws; fails the test
// when it throws nothing.
std::string rejection_of(const Args& args) {
    try {
        parse_options(args);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted " << ::testing::PrintToString(args);
    return {};
}

TEST(NoOptions, GiveTheDefaults) {
    const auto options = parse_options({});
    EXPECT_EQ(options.bus, BusChoice::User);
    EXPECT_EQ(options.idle_timeout_s, 30u);
    EXPECT_EQ(options.history, 600u);
    EXPECT_EQ(options.limits.min_interval_ms, 100u);
    EXPECT_EQ(options.limits.max_interval_ms, 3'600'000u);
    EXPECT_EQ(options.limits.max_clients, 256u);
    EXPECT_EQ(options.limits.max_sensor_names, 1024u);
    EXPECT_EQ(options.limits.max_history_values, 1'000'000u);
    EXPECT_EQ(options.proc_root, "/proc");
    EXPECT_EQ(options.sys_root, "/sys");
    EXPECT_FALSE(options.show_version);
    EXPECT_FALSE(options.show_help);
    EXPECT_FALSE(options.detach);
    EXPECT_EQ(options.pidfile, "");
    EXPECT_EQ(options.log, LogTarget::Auto);
}

TEST(TheBusFlags, SelectTheBus) {
    EXPECT_EQ(parse_options({"--system"}).bus, BusChoice::System);
    EXPECT_EQ(parse_options({"--session"}).bus, BusChoice::User);
    EXPECT_EQ(parse_options({"--system", "--session"}).bus, BusChoice::User);
    EXPECT_EQ(parse_options({"--session", "--system"}).bus, BusChoice::System);
}

TEST(TheVersionAndHelpFlags, AskToPrintAndExit) {
    EXPECT_TRUE(parse_options({"--version"}).show_version);
    EXPECT_FALSE(parse_options({"--version"}).show_help);
    EXPECT_TRUE(parse_options({"--help"}).show_help);
}

// An option that takes a value: its name, a valid value and what the parsed options then hold.
struct ValuedOption {
    std::string name;
    std::string value;
    std::function<std::string(const Options&)> parsed;
};

void PrintTo(const ValuedOption& option, std::ostream* out) {
    *out << "--" << option.name << " " << option.value;
}

class AValuedOption : public ::testing::TestWithParam<ValuedOption> {};

TEST_P(AValuedOption, IsParsedAfterAnEqualsSign) {
    const auto& option = GetParam();
    const auto options = parse_options({"--" + option.name + "=" + option.value});
    EXPECT_EQ(option.parsed(options), option.value);
    EXPECT_NE(option.parsed(parse_options({})), option.value) << "the test value is the default";
}

TEST_P(AValuedOption, IsParsedFromTheNextArgument) {
    const auto& option = GetParam();
    const auto options = parse_options({"--" + option.name, option.value, "--system"});
    EXPECT_EQ(option.parsed(options), option.value);
    EXPECT_EQ(options.bus, BusChoice::System) << "the argument after the value was lost";
}

TEST_P(AValuedOption, NeedsAValue) {
    const auto message = rejection_of({"--" + GetParam().name});
    EXPECT_NE(message.find("--" + GetParam().name), std::string::npos) << message;
}

INSTANTIATE_TEST_SUITE_P(
    EachOne, AValuedOption,
    ::testing::Values(
        ValuedOption{"idle-timeout", "45",
                     [](const Options& o) { return std::to_string(o.idle_timeout_s); }},
        ValuedOption{"history", "120", [](const Options& o) { return std::to_string(o.history); }},
        ValuedOption{"min-interval", "250",
                     [](const Options& o) { return std::to_string(o.limits.min_interval_ms); }},
        ValuedOption{"max-clients", "16",
                     [](const Options& o) { return std::to_string(o.limits.max_clients); }},
        ValuedOption{"max-sensors", "64",
                     [](const Options& o) { return std::to_string(o.limits.max_sensor_names); }},
        ValuedOption{"max-history-values", "5000",
                     [](const Options& o) { return std::to_string(o.limits.max_history_values); }},
        ValuedOption{"max-pending", "8",
                     [](const Options& o) { return std::to_string(o.limits.max_pending_replies); }},
        ValuedOption{"proc-root", "/srv/proc", [](const Options& o) { return o.proc_root; }},
        ValuedOption{"sys-root", "/srv/sys", [](const Options& o) { return o.sys_root; }},
        ValuedOption{"pidfile", "/run/v.pid", [](const Options& o) { return o.pidfile; }},
        ValuedOption{"log", "syslog",
                     [](const Options& o) { return std::string(log_target_name(o.log)); }}),
    [](const auto& info) {
        std::string name = info.param.name;
        std::erase(name, '-');
        return name;
    });

TEST(AValuedOptionGivenTwice, TakesTheLastValue) {
    EXPECT_EQ(parse_options({"--history=5", "--history", "7"}).history, 7u);
}

TEST(AProcRoot, MayContainAnEqualsSign) {
    EXPECT_EQ(parse_options({"--proc-root=/tmp/a=b"}).proc_root, "/tmp/a=b");
}

// A numeric option: its name and the smallest and largest values it takes.
struct NumericRange {
    std::string name;
    unsigned long long low;
    unsigned long long high;
};

void PrintTo(const NumericRange& range, std::ostream* out) {
    *out << "--" << range.name << " [" << range.low << ", " << range.high << "]";
}

class ANumericOption : public ::testing::TestWithParam<NumericRange> {
protected:
    std::string with(unsigned long long value) const {
        return "--" + GetParam().name + "=" + std::to_string(value);
    }
};

TEST_P(ANumericOption, AcceptsTheEndsOfItsRange) {
    EXPECT_NO_THROW(parse_options({with(GetParam().low)}));
    EXPECT_NO_THROW(parse_options({with(GetParam().high)}));
}

TEST_P(ANumericOption, RejectsAValueAboveItsRange) {
    const auto message = rejection_of({with(GetParam().high + 1)});
    EXPECT_NE(message.find("--" + GetParam().name), std::string::npos) << message;
}

TEST_P(ANumericOption, RejectsAValueBelowItsRange) {
    if (GetParam().low == 0) {
        rejection_of({"--" + GetParam().name + "=-1"});
    } else {
        rejection_of({with(GetParam().low - 1)});
    }
}

TEST_P(ANumericOption, RejectsWhatIsNotAWholeNumber) {
    for (const char* text : {"", "abc", "12abc", "1.5", " 5", "5 ", "+5", "0x10", "1e3",
                             "99999999999999999999999999"}) {
        SCOPED_TRACE(text);
        rejection_of({"--" + GetParam().name + "=" + text});
        rejection_of({"--" + GetParam().name, text});
    }
}

INSTANTIATE_TEST_SUITE_P(EachOne, ANumericOption,
                         ::testing::Values(NumericRange{"idle-timeout", 0, 4'294'967},
                                           NumericRange{"history", 0, 1'000'000},
                                           NumericRange{"min-interval", 1, 3'600'000},
                                           NumericRange{"max-clients", 1, 1'000'000},
                                           NumericRange{"max-sensors", 1, 1'000'000},
                                           NumericRange{"max-history-values", 1, 1'000'000'000},
                                           NumericRange{"max-pending", 1, 1'000'000}),
                         [](const auto& info) {
                             std::string name = info.param.name;
                             std::erase(name, '-');
                             return name;
                         });

TEST(AnIdleTimeout, IsLimitedSoThatItsMillisecondsFitIn32Bits) {
    const auto options = parse_options({"--idle-timeout=4294967"});
    EXPECT_LE(std::uint64_t{options.idle_timeout_s} * 1000, std::uint64_t{UINT32_MAX});
}

TEST(AnUnknownOption, IsRejected) {
    for (const Args& args : {Args{"--bogus"}, Args{"--bogus=1"}, Args{"--Session"}, Args{"--"},
                             Args{"--=5"}, Args{"--help-me"}, Args{"--histories=5"}}) {
        SCOPED_TRACE(::testing::PrintToString(args));
        rejection_of(args);
    }
}

TEST(AnUnknownOption, IsNamedInTheMessage) {
    const auto message = rejection_of({"--bogus"});
    EXPECT_NE(message.find("--bogus"), std::string::npos) << message;
}

TEST(AnArgumentThatIsNoOption, IsRejected) {
    for (const Args& args :
         {Args{"session"}, Args{"-h"}, Args{"-"}, Args{""}, Args{"--history=5", "extra"}}) {
        SCOPED_TRACE(::testing::PrintToString(args));
        rejection_of(args);
    }
}

TEST(AFlag, RejectsAValue) {
    for (const char* flag : {"session", "system", "version", "help", "detach"}) {
        SCOPED_TRACE(flag);
        const auto message = rejection_of({std::string("--") + flag + "=yes"});
        EXPECT_NE(message.find(std::string("--") + flag), std::string::npos) << message;
        rejection_of({std::string("--") + flag + "="});
    }
}

TEST(TheDetachFlag, AsksForADaemonThatDoesNotExitWhenIdle) {
    const auto options = parse_options({"--detach"});
    EXPECT_TRUE(options.detach);
    EXPECT_EQ(options.idle_timeout_s, 0u) << "nothing would start a detached daemon again";
}

TEST(TheDetachFlag, KeepsAnIdleTimeoutGivenWithIt) {
    EXPECT_EQ(parse_options({"--idle-timeout=5", "--detach"}).idle_timeout_s, 5u);
    EXPECT_EQ(parse_options({"--detach", "--idle-timeout=5"}).idle_timeout_s, 5u);
}

TEST(TheLogOption, NamesEveryTarget) {
    for (const auto target :
         {LogTarget::Auto, LogTarget::Journal, LogTarget::Syslog, LogTarget::Stderr}) {
        const std::string name(log_target_name(target));
        EXPECT_EQ(parse_options({"--log=" + name}).log, target) << name;
    }
}

TEST(TheLogOption, RejectsAnUnknownTarget) {
    for (const char* text : {"--log=file", "--log=", "--log=Journal"}) {
        const auto message = rejection_of({text});
        EXPECT_NE(message.find("--log"), std::string::npos) << message;
    }
}

TEST(ThePidfileOption, RejectsAnEmptyPath) {
    const auto message = rejection_of({"--pidfile="});
    EXPECT_NE(message.find("--pidfile"), std::string::npos) << message;
}

TEST(TheUsage, MentionsEveryOption) {
    const auto text = usage();
    for (const char* option :
         {"--session", "--system", "--idle-timeout", "--history", "--min-interval", "--max-clients",
          "--max-sensors", "--max-history-values", "--max-pending", "--proc-root", "--sys-root",
          "--detach", "--pidfile", "--log", "--version", "--help"}) {
        EXPECT_NE(text.find(option), std::string::npos) << option;
    }
}

TEST(TheUsage, NamesOnlyOptionsThatParse) {
    // Every "--name" the help text shows must be one the parser knows.
    const auto text = usage();
    for (std::size_t at = text.find("  --"); at != std::string::npos;
         at = text.find("  --", at + 1)) {
        const auto start = at + 2;
        const auto end = text.find_first_of(" =\n", start);
        const auto option = text.substr(start, end - start);
        SCOPED_TRACE(option);
        try {
            parse_options({option});
        } catch (const std::invalid_argument& e) {
            EXPECT_EQ(std::string(e.what()).find("unknown"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace vitalsd
