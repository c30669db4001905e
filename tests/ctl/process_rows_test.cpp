// SPDX-License-Identifier: MIT
#include "process_rows.hpp"

#include <gtest/gtest.h>

namespace vitalsd::ctl {
namespace {

std::vector<ProcessRow> three() {
    return {{7, 1, 0, "small", "S", 5.0, 1024, 1, "/bin/small"},
            {3, 1, 1000, "big", "R", 5.0, 1 << 30, 4, "/bin/big --all"},
            {2, 0, 0, "kthreadd", "S", 0.5, 0, 1, ""}};
}

std::vector<std::uint32_t> pids(const std::vector<ProcessRow>& rows) {
    std::vector<std::uint32_t> out;
    for (const auto& row : rows) {
        out.push_back(row.pid);
    }
    return out;
}

TEST(SortingProcesses, PutsTheBusiestFirstAndBreaksTiesByPid) {
    auto rows = three();
    sort_processes(rows, ProcessOrder::Cpu);
    EXPECT_EQ(pids(rows), (std::vector<std::uint32_t>{3, 7, 2}));
}

TEST(SortingProcesses, ByMemoryPutsTheLargestFirst) {
    auto rows = three();
    sort_processes(rows, ProcessOrder::Memory);
    EXPECT_EQ(pids(rows), (std::vector<std::uint32_t>{3, 7, 2}));
}

TEST(SortingProcesses, ByPidGoesUp) {
    auto rows = three();
    sort_processes(rows, ProcessOrder::Pid);
    EXPECT_EQ(pids(rows), (std::vector<std::uint32_t>{2, 3, 7}));
}

TEST(TheProcessTable, AlignsItsColumnsAndBracketsKernelThreads) {
    const auto lines = process_table_lines(
        three(), [](std::uint32_t uid) { return uid == 0 ? "root" : "alice"; }, std::nullopt);
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "PID  USER   S  CPU%      MEM  THR  COMMAND",
                         "  7  root   S   5.0  1.0 KiB    1  /bin/small",
                         "  3  alice  R   5.0  1.0 GiB    4  /bin/big --all",
                         "  2  root   S   0.5      0 B    1  [kthreadd]",
                     }));
}

TEST(TheProcessTable, CutsLinesToAWidth) {
    const auto lines = process_table_lines(
        three(), [](std::uint32_t) { return "root"; }, std::size_t{30});
    for (const auto& line : lines) {
        EXPECT_LE(line.size(), 32u) << line;  // "…" takes three bytes
    }
    EXPECT_EQ(lines[2], "  3  root  R   5.0  1.0 GiB  …");
}

TEST(TheProcessTable, ShowsControlCharactersInACommandLineAsQuestionMarks) {
    std::vector<ProcessRow> rows = {{9, 1, 0, "evil", "S", 0, 0, 1, "echo \x1b[2J\nhi"}};
    const auto lines = process_table_lines(
        rows, [](std::uint32_t) { return "root"; }, std::nullopt);
    EXPECT_EQ(lines[1], "  9  root  S   0.0  0 B    1  echo ?[2J?hi");
}

}  // namespace
}  // namespace vitalsd::ctl
