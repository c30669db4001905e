// SPDX-License-Identifier: MIT
#include "text_table.hpp"

#include <gtest/gtest.h>

namespace vitalsd::ctl {
namespace {

TEST(DisplayWidth, CountsCharactersNotBytesNorColours) {
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("45.0 °C"), 7u);
    EXPECT_EQ(display_width("▁▂▃"), 3u);
    EXPECT_EQ(display_width("\x1b[1;31mred\x1b[0m"), 3u);
}

TEST(FittingToAWidth, CutsWithAnEllipsis) {
    EXPECT_EQ(fit_width("memory/physical/used", 8), "memory/…");
    EXPECT_EQ(fit_width("short", 8), "short");
    EXPECT_EQ(fit_width("°°°°", 3), "°°…");
    EXPECT_EQ(fit_width("abc", 0), "");
}

TEST(PrintableText, ShowsControlCharactersAsQuestionMarksAndKeepsTheRest) {
    EXPECT_EQ(printable("a\tb\x1b[2J\x7f°C"), "a?b?[2J?°C");
}

TEST(Padding, FillsToTheWidthOnEitherSide) {
    EXPECT_EQ(pad("°C", 4), "°C  ");
    EXPECT_EQ(pad("7", 3, Align::Right), "  7");
    EXPECT_EQ(pad("toolong", 3), "toolong");
}

TEST(AlignedColumns, AreAsWideAsTheirWidestCell) {
    const auto lines = align_columns({{"ID", "UNIT", "LABEL"},
                                      {"cpu/all/usage", "%", "all CPUs usage"},
                                      {"load/1", "", "Load 1 min"}},
                                     {});
    EXPECT_EQ(lines, (std::vector<std::string>{"ID             UNIT  LABEL",
                                               "cpu/all/usage  %     all CPUs usage",
                                               "load/1               Load 1 min"}));
}

TEST(AlignedColumns, AlignRightWhereAskedAndDropTrailingSpaces) {
    const auto lines = align_columns({{"PID", "NAME"}, {"1", "init"}, {"412", ""}},
                                     {Align::Right, Align::Left}, 1);
    EXPECT_EQ(lines, (std::vector<std::string>{"PID NAME", "  1 init", "412"}));
}

TEST(LinesAsText, EndEachLineWithANewline) {
    EXPECT_EQ(as_text({"a", "b"}), "a\nb\n");
    EXPECT_EQ(as_text({}), "");
}

TEST(AlignedQuantities, LineUpNumbersAndUnits) {
    EXPECT_EQ(aligned_quantities({{"318.4", "MiB"}, {"2", ""}, {"0.0", "%"}}),
              (std::vector<std::string>{"318.4 MiB", "    2", "  0.0 %"}));
}

}  // namespace
}  // namespace vitalsd::ctl
