// SPDX-License-Identifier: MIT
#include "dashboard.hpp"

#include <algorithm>

#include "text_charts.hpp"
#include "text_table.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {
namespace {

constexpr std::size_t kGap = 2;
constexpr std::size_t kBarCells = 16;
constexpr std::size_t kMinBarCells = 6;
constexpr std::size_t kMinSparkline = 8;
constexpr std::size_t kMaxSparkline = 60;

bool is_percent(const DashboardRow& row) {
    return row.unit == "%";
}

// The widths of a row's parts, the same for every row so that the columns line up.
struct Columns {
    std::size_t id = 0;
    std::size_t number = 0;
    std::size_t unit = 0;
    std::size_t bar = 0;  // the cells inside the brackets; 0: no bar column
    std::size_t sparkline = 0;

    std::size_t value() const { return number + (unit > 0 ? 1 + unit : 0); }
};

Columns plan_columns(const std::vector<DashboardRow>& rows, std::size_t width) {
    Columns columns;
    bool any_percent = false;
    for (const auto& row : rows) {
        const auto quantity = human_quantity(row.value, row.unit);
        columns.id = std::max(columns.id, display_width(row.id));
        columns.number = std::max(columns.number, display_width(quantity.number));
        columns.unit = std::max(columns.unit, display_width(quantity.unit));
        any_percent = any_percent || is_percent(row);
    }
    // The value always shows; the id gives way to it, keeping a few characters.
    const std::size_t id_room = width > columns.value() + kGap ? width - columns.value() - kGap : 0;
    columns.id = std::min(columns.id, std::max<std::size_t>(id_room, 4));
    std::size_t left = width > columns.id + kGap + columns.value()
                           ? width - columns.id - kGap - columns.value()
                           : 0;
    // The bar shrinks before it goes, and it goes after the sparkline.
    if (any_percent && left >= kGap + kMinBarCells + 2) {
        columns.bar = std::min(left - kGap - 2, kBarCells);
        left -= kGap + columns.bar + 2;
    }
    if (left >= kGap + kMinSparkline) {
        columns.sparkline = std::min(left - kGap, kMaxSparkline);
    }
    return columns;
}

std::string render_row(const DashboardRow& row, const Columns& columns, std::size_t width,
                       const Palette& palette) {
    const auto quantity = human_quantity(row.value, row.unit);
    std::string line = pad(fit_width(row.id, columns.id), columns.id);
    line += std::string(kGap, ' ');
    line += pad(quantity.number, columns.number, Align::Right);
    if (columns.unit > 0) {
        line += " " + pad(quantity.unit, columns.unit);
    }
    if (columns.bar > 0) {
        line += std::string(kGap, ' ');
        if (is_percent(row)) {
            line += "[" + palette.by_level(percent_bar(row.value, columns.bar), row.value) + "]";
        } else {
            line += std::string(columns.bar + 2, ' ');
        }
    }
    if (columns.sparkline > 0 && !row.recent.empty()) {
        const std::size_t shown = std::min(row.recent.size(), columns.sparkline);
        const std::vector<double> last(row.recent.end() - static_cast<std::ptrdiff_t>(shown),
                                       row.recent.end());
        const auto range = is_percent(row) ? std::optional(ChartRange{0, 100}) : std::nullopt;
        // Right-aligned: the newest value stays at the same place as the line fills.
        line += std::string(kGap + columns.sparkline - shown, ' ');
        line += palette.dim(sparkline(last, range));
    }
    line.erase(line.find_last_not_of(' ') + 1);
    // Only a terminal too narrow for even the value gets here, and then the line has no colour
    // (no bar, no sparkline) that cutting could break.
    return display_width(line) > width ? fit_width(line, width) : line;
}

}  // namespace

std::vector<std::string> render_dashboard(const DashboardView& view, TerminalSize size,
                                          const Palette& palette) {
    std::vector<std::string> lines;
    lines.push_back(palette.bold(fit_width(view.title, size.columns)));
    if (!view.note.empty()) {
        lines.push_back(palette.yellow(fit_width(view.note, size.columns)));
    }
    // One row stays free: a frame as tall as the terminal would scroll it.
    const std::size_t room = size.rows > lines.size() + 1 ? size.rows - lines.size() - 1 : 0;
    std::size_t shown = view.rows.size();
    if (shown > room) {
        shown = room > 0 ? room - 1 : 0;
    }
    const std::vector<DashboardRow> visible(view.rows.begin(),
                                            view.rows.begin() + static_cast<std::ptrdiff_t>(shown));
    const auto columns = plan_columns(visible, size.columns);
    for (const auto& row : visible) {
        lines.push_back(render_row(row, columns, size.columns, palette));
    }
    if (shown < view.rows.size() && room > 0) {
        const auto hidden = std::to_string(view.rows.size() - shown);
        lines.push_back(palette.dim(
            fit_width("… " + hidden + " more: a taller terminal shows them", size.columns)));
    }
    return lines;
}

}  // namespace vitalsd::ctl
