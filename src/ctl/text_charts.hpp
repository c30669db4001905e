// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vitalsd::ctl {

/// The range a chart maps its values onto.
struct ChartRange {
    double low;
    double high;
};

/// Returns one block character (▁ to █) per value, scaled into range, or when none is given
/// into the values' own minimum and maximum (a flat series draws as ▁). NaN draws as a space,
/// values outside the range are clamped.
std::string sparkline(const std::vector<double>& values,
                      std::optional<ChartRange> range = std::nullopt);

/// Returns the values reduced to at most width points, each the mean of the non-NaN values in
/// its share of the series (NaN when that share has none), so that a whole window fits a line.
std::vector<double> resample(const std::vector<double>& values, std::size_t width);

/// Returns a bar exactly width cells wide, filled to percent of 100 in eighths of a cell (█▉▊▋▌▍▎▏)
/// and padded with spaces; NaN gives an empty bar, values outside [0, 100] are clamped.
std::string percent_bar(double percent, std::size_t width);

}  // namespace vitalsd::ctl
