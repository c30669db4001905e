// SPDX-License-Identifier: MIT
#include "dashboard.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "text_table.hpp"

namespace vitalsd::ctl {
namespace {

const Palette kPlain(false);

DashboardView two_rows() {
    return {"vitalsd 0.1.0 · pid 42",
            "",
            {{"cpu/all/usage", "%", 50, {0, 50, 100, 50}},
             {"memory/physical/used", "B", 333852672, {333852672, 333852672}}}};
}

TEST(TheDashboard, ShowsTitleThenARowPerSensorWithBarsForPercentages) {
    const auto lines = render_dashboard(two_rows(), {80, 24}, kPlain);
    EXPECT_EQ(
        lines,
        (std::vector<std::string>{
            "vitalsd 0.1.0 · pid 42",
            "cpu/all/usage          50.0 %    [████████        ]                         ▁▅█▅",
            "memory/physical/used  318.4 MiB                                               ▁▁",
        }));
}

TEST(TheDashboard, ShowsTheNoteUnderTheTitle) {
    auto view = two_rows();
    view.note = "vitalsd pid 41 went away; watching pid 42";
    const auto lines = render_dashboard(view, {80, 24}, kPlain);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[1], view.note);
}

TEST(TheDashboard, FitsEveryLineToTheWidth) {
    for (const std::size_t columns : {80u, 50u, 38u, 20u, 10u}) {
        for (const auto& line : render_dashboard(two_rows(), {columns, 24}, kPlain)) {
            EXPECT_LE(display_width(line), columns) << line;
        }
    }
}

TEST(TheDashboard, DropsTheSparklineThenTheBarWhenNarrow) {
    const auto wide = render_dashboard(two_rows(), {62, 24}, kPlain);
    EXPECT_EQ(wide[1], "cpu/all/usage          50.0 %    [████████        ]       ▁▅█▅");
    const auto narrow = render_dashboard(two_rows(), {50, 24}, kPlain);
    EXPECT_EQ(narrow[1], "cpu/all/usage          50.0 %    [███████▌       ]");
    const auto narrower = render_dashboard(two_rows(), {35, 24}, kPlain);
    EXPECT_EQ(narrower[1], "cpu/all/usage          50.0 %");
}

TEST(TheDashboard, CountsTheRowsThatDoNotFitTheHeight) {
    DashboardView view{"title", "", {}};
    for (int i = 0; i < 30; ++i) {
        view.rows.push_back({"load/" + std::to_string(i), "", 1, {}});
    }
    const auto lines = render_dashboard(view, {80, 10}, kPlain);
    ASSERT_EQ(lines.size(), 9u) << "one row stays free, or the terminal would scroll";
    EXPECT_EQ(lines.back(), "… 23 more: a taller terminal shows them");
}

TEST(TheDashboard, ShowsAMissingValueAsNotApplicable) {
    DashboardView view{"t", "", {{"cpu/cpu3/usage", "%", NAN, {NAN}}}};
    EXPECT_EQ(render_dashboard(view, {40, 24}, kPlain)[1],
              "cpu/cpu3/usage  n/a  [                ]");
}

TEST(TheDashboard, ColoursBarsByLevelWhenColourIsOn) {
    const auto lines = render_dashboard(two_rows(), {80, 24}, Palette(true));
    EXPECT_NE(lines[1].find("\x1b[32m████████"), std::string::npos) << lines[1];
}

}  // namespace
}  // namespace vitalsd::ctl
