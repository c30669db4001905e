// SPDX-License-Identifier: MIT
// The bash completion, run by bash as the shell would (sensor ids come from the private bus);
// the zsh completion is checked for syntax where zsh is installed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "command_line.hpp"
#include "ctl_process.hpp"
#include "temp_dir.hpp"

namespace vitalsd::test {
namespace {

// Returns what bash offers for the words typed so far (the last one being completed; "" for an
// empty word, since the words go inside single quotes).
std::string complete_in_bash(const PrivateBus& bus, const std::string& words) {
    const auto ctl_dir = std::filesystem::path(ctl_binary()).parent_path().string();
    const auto [status, output] = run_command(
        "DBUS_SESSION_BUS_ADDRESS='" + bus.address() + "' PATH='" + ctl_dir + "':\"$PATH\" " +
        "bash -c 'source \"$1\"; COMP_WORDS=(" + words +
        "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _vitalsctl; echo \"${COMPREPLY[*]}\"' "
        "bash " +
        env_or_fail("VITALSCTL_BASH_COMPLETION"));
    EXPECT_EQ(WEXITSTATUS(status), 0) << output;
    return output;
}

TEST(TheBashCompletion, OffersTheCommands) {
    PrivateBus bus;
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl \"\""),
              "status start stop restart sensors get watch top history\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl --json st"), "status start stop\n");
    EXPECT_FALSE(bus.service_running()) << "completing a command needs no service";
}

TEST(TheBashCompletion, OffersEachCommandsOptionsAndTheirValues) {
    PrivateBus bus;
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl top --s"), "--system --sort\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl top --sort \"\""), "cpu mem pid\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl get --r"), "--raw\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl get --o"), "--openmetrics\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl history load/1 --si"), "--since\n");
}

TEST(TheBashCompletion, OffersTheOrdersThatApplyToTopsApplications) {
    PrivateBus bus;
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl top --a"), "--apps\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl top --apps --sort \"\""), "cpu mem\n");
}

// The words of a completion's answer.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string word; in >> word;) {
        words.push_back(word);
    }
    return words;
}

// A value the parser takes for an option that wants one; empty for the others.
std::optional<std::string> value_for(const std::string& option) {
    const std::map<std::string, std::string> values = {{"-i", "500"},     {"--interval", "500"},
                                                       {"-n", "3"},       {"--count", "3"},
                                                       {"--sort", "mem"}, {"--since", "1m"}};
    const auto value = values.find(option);
    return value != values.end() ? std::optional(value->second) : std::nullopt;
}

TEST(TheBashCompletion, OffersWithEachCommandTheOptionsTheParserTakesWithIt) {
    PrivateBus bus;
    std::set<std::string> offered_anywhere;
    for (const std::string command :
         {"status", "start", "stop", "restart", "sensors", "get", "watch", "top", "history"}) {
        for (const auto& option : words_of(complete_in_bash(bus, "vitalsctl " + command + " -"))) {
            offered_anywhere.insert(option);
            std::vector<std::string> args = {command, option};
            if (const auto value = value_for(option)) {
                args.push_back(*value);
            }
            if (command == "history") {
                args.push_back("load/1");
            }
            EXPECT_NO_THROW(ctl::parse_command_line(args)) << command << " " << option;
        }
    }
    // And the other way round: every option the help names is offered, by bash and by zsh.
    const auto zsh = read_text(env_or_fail("VITALSCTL_ZSH_COMPLETION"));
    const std::string help = ctl::usage_text();
    const std::regex long_option("--[a-z][a-z-]*");
    for (auto it = std::sregex_iterator(help.begin(), help.end(), long_option);
         it != std::sregex_iterator(); ++it) {
        EXPECT_TRUE(offered_anywhere.contains(it->str())) << it->str() << " is not offered by bash";
        EXPECT_NE(zsh.find(it->str()), std::string::npos) << it->str() << " is not offered by zsh";
    }
}

TEST(TheBashCompletion, OffersTheServicesSensorIds) {
    PrivateBus bus(basic_fixture_args());
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl get load/"), "load/1 load/5 load/15\n");
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl watch -i 500 cpu/cpu1/u"),
              "cpu/cpu1/usage cpu/cpu1/user\n");
}

TEST(TheZshCompletion, IsValidZsh) {
    if (std::system("command -v zsh >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "zsh is not installed";
    }
    const auto [status, output] = run_command("zsh -n " + env_or_fail("VITALSCTL_ZSH_COMPLETION"));
    EXPECT_EQ(WEXITSTATUS(status), 0) << output;
}

TEST(TheManPage, HasNoRoffWarnings) {
    if (std::system("command -v groff >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "groff is not installed";
    }
    const auto [status, output] =
        run_command("groff -man -ww -z -Tutf8 " + env_or_fail("VITALSCTL_MAN_PAGE"));
    EXPECT_EQ(WEXITSTATUS(status), 0) << output;
    EXPECT_EQ(output, "");
}

}  // namespace
}  // namespace vitalsd::test
