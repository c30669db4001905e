// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "palette.hpp"
#include "terminal.hpp"

namespace vitalsd::ctl {

struct DashboardRow {
    std::string id;
    std::string unit;
    double value = 0;
    std::vector<double> recent;  ///< past values, oldest first, the current one last
};

/// What the watch dashboard shows: a title, an optional note under it (the service came back,
/// ...) and a row per sensor.
struct DashboardView {
    std::string title;
    std::string note;
    std::vector<DashboardRow> rows;
};

/// Returns the dashboard's lines for a terminal of the given size: the title, the note, then a
/// row per sensor with its id, its value, a bar for a percentage and a sparkline of its recent
/// values in the width left (percentages on a 0–100 scale, others on their own range). Every
/// line fits the width, and there are fewer lines than rows: the rows that do not fit are
/// counted in a last line. What does not fit the width goes first: the sparkline, the bar, the
/// end of long ids.
std::vector<std::string> render_dashboard(const DashboardView& view, TerminalSize size,
                                          const Palette& palette);

}  // namespace vitalsd::ctl
