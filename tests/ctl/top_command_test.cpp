// SPDX-License-Identifier: MIT
// vitalsctl top, piped: the process table once, sorted and cut as asked.
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctl_process.hpp"
#include "fixture_path.hpp"
#include "json_reader.hpp"

namespace vitalsd::test {
namespace {

// The fixture's processes belong to whoever owns the checkout (the service reads the owner of
// each /proc/PID directory): returns that user's name.
std::string fixture_owner() {
    struct stat info {};
    const auto dir = fixture_path("basic/proc/1");
    if (::stat(dir.c_str(), &info) != 0) {
        throw std::runtime_error("cannot stat " + dir);
    }
    const passwd* user = ::getpwuid(info.st_uid);
    return user != nullptr ? user->pw_name : std::to_string(info.st_uid);
}

// The fixture's resident sizes are in pages; the expected sizes assume pages of 4 KiB.
bool pages_of_4_kib() {
    return ::sysconf(_SC_PAGESIZE) == 4096;
}

// The expected table with the USER column as wide as the owner's name.
std::string table(const std::vector<std::pair<std::string, std::string>>& rows) {
    const std::string user = fixture_owner();
    const auto width = std::max<std::size_t>(user.size(), 4);
    const auto column = [&](const std::string& text) {
        return text + std::string(width - text.size(), ' ');
    };
    std::string text = "PID  " + column("USER") + "  S  CPU%        MEM  THR  COMMAND\n";
    for (const auto& [pid, rest] : rows) {
        text += pid + "  " + column(user) + "  " + rest + "\n";
    }
    return text;
}

TEST(TopPiped, PrintsEveryProcessOnceBusiestFirstThenByPid) {
    if (!pages_of_4_kib()) {
        GTEST_SKIP() << "the expected sizes assume pages of 4 KiB";
    }
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"top"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    // The fixture is static: no process used any CPU, so the pids decide.
    EXPECT_EQ(result.out, table({
                              {"  1", "S   0.0   12.5 MiB    1  /sbin/init splash"},
                              {"  2", "S   0.0        0 B    1  [kthreadd]"},
                              {"412", "R   0.0  200.0 MiB    3  /usr/bin/odd --flag two words"},
                              {"977",
                               "S   0.0    4.0 MiB    1  /usr/bin/dbus-daemon --session "
                               "--address=systemd:"},
                          }));
}

TEST(TopPiped, SortsByMemoryAndKeepsTheFirstN) {
    if (!pages_of_4_kib()) {
        GTEST_SKIP() << "the expected sizes assume pages of 4 KiB";
    }
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"top", "--sort", "mem", "-n", "2"});

    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, table({
                              {"412", "R   0.0  200.0 MiB    3  /usr/bin/odd --flag two words"},
                              {"  1", "S   0.0   12.5 MiB    1  /sbin/init splash"},
                          }));
}

TEST(TopPiped, InJsonHasEveryFieldOfEachProcess) {
    if (!pages_of_4_kib()) {
        GTEST_SKIP() << "the expected sizes assume pages of 4 KiB";
    }
    PrivateBus bus(basic_fixture_args());

    const auto result = run_ctl(bus, {"top", "--json", "--sort=pid"});

    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto json = parse_json(result.out);
    const auto& processes = json["processes"].elements;
    ASSERT_EQ(processes.size(), 4u);
    for (const auto& p : processes) {
        for (const char* key : {"pid", "ppid", "uid", "cpu_percent", "resident_bytes", "threads"}) {
            EXPECT_TRUE(p[key].is(Json::Type::Number)) << key;
        }
        for (const char* key : {"user", "name", "state", "command_line"}) {
            EXPECT_TRUE(p[key].is(Json::Type::String)) << key;
        }
    }
    const auto& odd = processes[2];
    EXPECT_EQ(odd["pid"].number, 412);
    EXPECT_EQ(odd["ppid"].number, 1);
    EXPECT_EQ(odd["name"].text, "odd (name) x");  // comm with spaces and parentheses
    EXPECT_EQ(odd["state"].text, "R");
    EXPECT_EQ(odd["resident_bytes"].number, 51200.0 * 4096);
    EXPECT_EQ(odd["threads"].number, 3);
    EXPECT_EQ(odd["user"].text, fixture_owner());
    EXPECT_EQ(processes[1]["command_line"].text, "");
}

}  // namespace
}  // namespace vitalsd::test
