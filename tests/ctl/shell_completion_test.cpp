// SPDX-License-Identifier: MIT
// The bash completion, run by bash as the shell would (sensor ids come from the private bus);
// the zsh completion is checked for syntax where zsh is installed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>

#include "ctl_process.hpp"

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
    EXPECT_EQ(complete_in_bash(bus, "vitalsctl history load/1 --si"), "--since\n");
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
