// SPDX-License-Identifier: MIT
#include "application_rows.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <tuple>

#include "text_table.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {
namespace {

// How a figure shows: its column's header and its value as text.
struct FigureColumn {
    std::string_view figure;  // the key in ApplicationRow::figures
    const char* header;
    std::string (*text)(double value);
};

std::string count_text(double value) {
    return std::to_string(std::llround(value));
}

std::string percent_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

std::string bytes_text(double value) {
    return human_value(value, "B");
}

std::string rate_text(double value) {
    return human_value(value, "B/s");
}

constexpr std::array<FigureColumn, 6> kFigureColumns = {{
    {"processes", "PROCS", count_text},
    {"cpu", "CPU%", percent_text},
    {"memory", "MEM", bytes_text},
    {"ioRead", "READ/s", rate_text},
    {"ioWrite", "WRITE/s", rate_text},
    {"cpuPressure", "PSI%", percent_text},
}};

// The figure, or -1 for a group without it: below every figure, none of which is negative.
double figure_or_less(const ApplicationRow& application, std::string_view figure) {
    const auto found = application.figures.find(std::string(figure));
    return found != application.figures.end() ? found->second : -1;
}

bool anyone_has(const std::vector<ApplicationRow>& applications, std::string_view figure) {
    return std::any_of(applications.begin(), applications.end(), [&](const auto& application) {
        return application.figures.contains(std::string(figure));
    });
}

}  // namespace

const std::string& application_name(const ApplicationRow& application) {
    return application.hint.empty() ? application.id : application.hint;
}

void sort_applications(std::vector<ApplicationRow>& applications, ProcessOrder order) {
    const std::string_view figure = order == ProcessOrder::Memory ? "memory" : "cpu";
    std::sort(applications.begin(), applications.end(), [figure](const auto& a, const auto& b) {
        const double of_a = figure_or_less(a, figure);
        const double of_b = figure_or_less(b, figure);
        const double cpu_of_a = figure_or_less(a, "cpu");
        const double cpu_of_b = figure_or_less(b, "cpu");
        return std::tie(of_b, cpu_of_b, a.id) < std::tie(of_a, cpu_of_a, b.id);
    });
}

std::vector<std::string> application_table_lines(const std::vector<ApplicationRow>& applications,
                                                 std::optional<std::size_t> width) {
    std::vector<const FigureColumn*> shown;
    for (const auto& column : kFigureColumns) {
        if (anyone_has(applications, column.figure)) {
            shown.push_back(&column);
        }
    }
    std::vector<std::vector<std::string>> cells;
    cells.reserve(applications.size() + 1);
    cells.emplace_back().push_back("KIND");
    for (const auto* column : shown) {
        cells.back().push_back(column->header);
    }
    cells.back().push_back("NAME");
    for (const auto& application : applications) {
        auto& row = cells.emplace_back();
        row.push_back(printable(application.kind));
        for (const auto* column : shown) {
            const auto value = application.figures.find(std::string(column->figure));
            row.push_back(value != application.figures.end() ? column->text(value->second) : "-");
        }
        row.push_back(printable(application_name(application)));
    }
    // The kind and the name to the left, the figures to the right.
    std::vector<Align> aligns(shown.size() + 2, Align::Right);
    aligns.front() = aligns.back() = Align::Left;
    auto lines = align_columns(cells, aligns);
    if (width) {
        for (auto& line : lines) {
            line = fit_width(line, *width);
        }
    }
    return lines;
}

}  // namespace vitalsd::ctl
