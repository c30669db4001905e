// SPDX-License-Identifier: MIT
#include "application_rows.hpp"

#include <gtest/gtest.h>

namespace vitalsd::ctl {
namespace {

// As a hybrid system gives them: no memory or I/O; and a session without any CPU figure.
std::vector<ApplicationRow> hybrid() {
    return {{"system", "system", "", {"/"}, {{"cpu", 3.5}, {"processes", 80}, {"cpuPressure", 0}}},
            {"org.gnome.Terminal",
             "app",
             "org.gnome.Terminal",
             {"/user.slice/app-gnome-org.gnome.Terminal-42.scope"},
             {{"cpu", 12.25}, {"processes", 3}, {"cpuPressure", 1.5}}},
            {"session-3", "session", "", {"/user.slice/session-3.scope"}, {{"processes", 2}}},
            {"dbus.service",
             "service",
             "dbus.service",
             {"/system.slice/dbus.service"},
             {{"cpu", 3.5}, {"processes", 1}, {"cpuPressure", 0}}}};
}

std::vector<std::string> ids(const std::vector<ApplicationRow>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) {
        out.push_back(row.id);
    }
    return out;
}

TEST(SortingApplications, PutsTheBusiestFirstThenThoseWithoutAFigureAndBreaksTiesById) {
    auto rows = hybrid();
    sort_applications(rows, ProcessOrder::Cpu);
    EXPECT_EQ(ids(rows), (std::vector<std::string>{"org.gnome.Terminal", "dbus.service", "system",
                                                   "session-3"}));
}

TEST(SortingApplications, ByMemoryPutsTheLargestFirst) {
    std::vector<ApplicationRow> rows = {{"a", "app", "", {}, {{"memory", 1024}}},
                                        {"b", "app", "", {}, {}},
                                        {"c", "app", "", {}, {{"memory", 1 << 30}}}};
    sort_applications(rows, ProcessOrder::Memory);
    EXPECT_EQ(ids(rows), (std::vector<std::string>{"c", "a", "b"}));
}

TEST(SortingApplications, ByMemoryWhereNoGroupHasItGoesByCpu) {
    auto by_memory = hybrid();
    auto by_cpu = hybrid();
    sort_applications(by_memory, ProcessOrder::Memory);
    sort_applications(by_cpu, ProcessOrder::Cpu);
    EXPECT_EQ(by_memory, by_cpu);
}

TEST(SortingApplications, ByPidWhichGroupsHaveNoneGoesByCpu) {
    auto by_pid = hybrid();
    auto by_cpu = hybrid();
    sort_applications(by_pid, ProcessOrder::Pid);
    sort_applications(by_cpu, ProcessOrder::Cpu);
    EXPECT_EQ(by_pid, by_cpu);
}

TEST(TheApplicationTable, LeavesOutTheColumnsNoGroupHasAndDashesAMissingValue) {
    auto rows = hybrid();
    sort_applications(rows, ProcessOrder::Cpu);
    EXPECT_EQ(application_table_lines(rows, std::nullopt),
              (std::vector<std::string>{
                  "KIND     PROCS  CPU%  PSI%  NAME",
                  "app          3  12.2   1.5  org.gnome.Terminal",
                  "service      1   3.5   0.0  dbus.service",
                  "system      80   3.5   0.0  system",
                  "session      2     -     -  session-3",
              }));
}

TEST(TheApplicationTable, HasEveryColumnWhereTheKernelGivesEveryFigure) {
    const std::vector<ApplicationRow> rows = {{"firefox",
                                               "app",
                                               "firefox",
                                               {"/app-firefox-1.scope"},
                                               {{"cpu", 50},
                                                {"memory", 1536.0 * 1024 * 1024},
                                                {"ioRead", 2048},
                                                {"ioWrite", 0},
                                                {"processes", 12},
                                                {"cpuPressure", 2},
                                                {"memoryPressure", 0},
                                                {"ioPressure", 0}}}};
    EXPECT_EQ(application_table_lines(rows, std::nullopt),
              (std::vector<std::string>{
                  "KIND  PROCS  CPU%      MEM     READ/s  WRITE/s  PSI%  NAME",
                  "app      12  50.0  1.5 GiB  2.0 KiB/s    0 B/s   2.0  firefox",
              }));
}

TEST(TheApplicationTable, NamesAGroupByItsHintElseItsIdAndCutsLinesToAWidth) {
    const std::vector<ApplicationRow> rows = {
        {"docker-0123456789ab", "container", "web", {}, {{"processes", 4}}},
        {"user@1000.service", "service", "", {}, {{"processes", 9}}}};
    const auto lines = application_table_lines(rows, std::size_t{21});
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "KIND       PROCS  NA…",
                         "container      4  web",
                         "service        9  us…",
                     }));
}

TEST(TheApplicationTable, ShowsControlCharactersInANameAsQuestionMarks) {
    const std::vector<ApplicationRow> rows = {{"x", "app", "evil\x1b[2J", {}, {}}};
    EXPECT_EQ(application_table_lines(rows, std::nullopt)[1], "app   evil?[2J");
}

}  // namespace
}  // namespace vitalsd::ctl
