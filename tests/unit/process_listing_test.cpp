// SPDX-License-Identifier: MIT
#include "sampling/process_listing.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <string>

#include "fake_processes.hpp"
#include "sampling/monitor.hpp"

namespace vitalsd {
namespace {

using CommandLines = ProcessListing::CommandLines;
using Listing = std::variant<std::vector<ProcessRow>, ProcessListing::Probe>;
constexpr std::uint64_t kProbeWindowMs = Monitor::kProbeWindowUsec / 1000;

bool is_probe(const Listing& listing) {
    return std::holds_alternative<ProcessListing::Probe>(listing);
}

class AProcessListing : public test::FakeProcesses {
protected:
    // Lists the processes for caller, waiting out the probe window when the listing needs one.
    std::map<std::uint32_t, ProcessRow> list(ProcessListing& listing, uid_t caller) {
        auto begun = listing.begin(caller);
        if (const auto* probe = std::get_if<ProcessListing::Probe>(&begun)) {
            clock.advance_ms(kProbeWindowMs);
            return test::by_pid(listing.finish(*probe));
        }
        return test::by_pid(std::get<std::vector<ProcessRow>>(std::move(begun)));
    }

    const uid_t owner = ::getuid();  // of every process in the tree
    const uid_t someone_else = owner + 1;
    ProcessListing for_owners{table, clock, CommandLines::ShownToOwnerAndRoot};
    ProcessListing for_all{table, clock, CommandLines::ShownToAll};
};

TEST_F(AProcessListing, ProbesWithoutAnEarlierScanAndMeasuresTheShareOverTheWindow) {
    add(10, "busy", 100);

    auto begun = for_all.begin(owner);
    ASSERT_TRUE(is_probe(begun));
    clock.advance_ms(kProbeWindowMs);
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    set_times(10, "busy", 100 + static_cast<std::uint64_t>(ticks / 4));  // busy all the window
    const auto rows = test::by_pid(for_all.finish(std::get<ProcessListing::Probe>(begun)));

    ASSERT_TRUE(rows.contains(10));
    EXPECT_DOUBLE_EQ(rows.at(10).cpu_percent, 100.0);
}

TEST_F(AProcessListing, ListsAtOnceFromTheScanOfTheRefreshBefore) {
    add(10, "busy", 100);
    list(for_all, owner);
    clock.advance_ms(2000);
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    set_times(10, "busy", 100 + static_cast<std::uint64_t>(ticks));  // one second of CPU in two

    auto begun = for_all.begin(owner);
    ASSERT_FALSE(is_probe(begun));
    const auto rows = test::by_pid(std::get<std::vector<ProcessRow>>(std::move(begun)));
    EXPECT_DOUBLE_EQ(rows.at(10).cpu_percent, 50.0);
}

TEST_F(AProcessListing, TakesAScanBetweenATenthOfASecondAndFiveSecondsOldAsBaseline) {
    add(10, "p", 1);
    EXPECT_TRUE(is_probe(for_all.begin(owner))) << "no scan yet";
    clock.advance_ms(99);
    EXPECT_TRUE(is_probe(for_all.begin(owner))) << "too fresh to measure";
    clock.advance_ms(100);
    EXPECT_FALSE(is_probe(for_all.begin(owner)));
    clock.advance_ms(5000);
    EXPECT_FALSE(is_probe(for_all.begin(owner)));
    clock.advance_ms(5001);
    EXPECT_TRUE(is_probe(for_all.begin(owner))) << "too old to mean now";
}

TEST_F(AProcessListing, ShowsACallerTheCommandLinesOfItsOwnProcesses) {
    add(10, "p", 1, std::string("prog\0--flag\0", 12));

    EXPECT_EQ(list(for_owners, owner).at(10).command_line, "prog --flag");
}

TEST_F(AProcessListing, HidesTheCommandLinesOfOtherUsersProcessesButNotTheProcesses) {
    add(10, "p", 1, std::string("prog\0--flag\0", 12));

    const auto rows = list(for_owners, someone_else);
    ASSERT_TRUE(rows.contains(10));
    EXPECT_EQ(rows.at(10).name, "p");
    EXPECT_EQ(rows.at(10).command_line, "");
}

TEST_F(AProcessListing, ShowsRootEveryCommandLine) {
    add(10, "p", 1, std::string("prog\0--flag\0", 12));

    EXPECT_EQ(list(for_owners, 0).at(10).command_line, "prog --flag");
}

TEST_F(AProcessListing, HidesEveryCommandLineFromACallerTheBusCannotName) {
    add(10, "p", 1, std::string("prog\0--flag\0", 12));

    EXPECT_EQ(list(for_owners, ProcessListing::kUnknownCaller).at(10).command_line, "");
}

TEST_F(AProcessListing, ShowsEveryCommandLineToEveryoneWhenSoSet) {
    add(10, "p", 1, std::string("prog\0--flag\0", 12));

    EXPECT_EQ(list(for_all, someone_else).at(10).command_line, "prog --flag");
    EXPECT_EQ(list(for_all, ProcessListing::kUnknownCaller).at(10).command_line, "prog --flag");
}

TEST_F(AProcessListing, NeedsToKnowTheCallerOnlyWhenItHidesCommandLines) {
    EXPECT_TRUE(for_owners.depends_on_caller());
    EXPECT_FALSE(for_all.depends_on_caller());
}

TEST_F(AProcessListing, RepairsNamesAndCommandLinesThatAreNotUtf8) {
    add(10, "odd\xFF", 1, std::string("a\xFE\0b\0", 5));

    const auto row = list(for_all, owner).at(10);
    EXPECT_EQ(row.name, "odd\xEF\xBF\xBD");
    EXPECT_EQ(row.command_line, "a\xEF\xBF\xBD b");
}

}  // namespace
}  // namespace vitalsd
