// SPDX-License-Identifier: MIT
#include "text_charts.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace vitalsd::ctl {
namespace {

// U+2581..U+2588, lowest to full.
constexpr std::array<const char*, 8> kLevels = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

// U+258F..U+2589: one to seven eighths of a cell, from the left.
constexpr std::array<const char*, 8> kEighths = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

}  // namespace

std::string sparkline(const std::vector<double>& values, std::optional<ChartRange> range) {
    if (!range) {
        double low = INFINITY;
        double high = -INFINITY;
        for (const double v : values) {
            if (!std::isnan(v)) {
                low = std::min(low, v);
                high = std::max(high, v);
            }
        }
        range = ChartRange{low, high};
    }
    const double span = range->high - range->low;
    std::string line;
    for (const double v : values) {
        if (std::isnan(v)) {
            line += ' ';
            continue;
        }
        std::size_t level = 0;
        if (span > 0) {
            const double share = std::clamp((v - range->low) / span, 0.0, 1.0);
            level = static_cast<std::size_t>(std::lround(share * (kLevels.size() - 1)));
        }
        line += kLevels[level];
    }
    return line;
}

std::vector<double> resample(const std::vector<double>& values, std::size_t width) {
    if (values.size() <= width) {
        return values;
    }
    std::vector<double> points;
    points.reserve(width);
    for (std::size_t point = 0; point < width; ++point) {
        const std::size_t begin = point * values.size() / width;
        const std::size_t end = (point + 1) * values.size() / width;
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t i = begin; i < end; ++i) {
            if (!std::isnan(values[i])) {
                sum += values[i];
                ++n;
            }
        }
        points.push_back(n > 0 ? sum / static_cast<double>(n) : NAN);
    }
    return points;
}

std::string percent_bar(double percent, std::size_t width) {
    const double share = std::isnan(percent) ? 0.0 : std::clamp(percent / 100.0, 0.0, 1.0);
    const auto eighths =
        static_cast<std::size_t>(std::lround(share * static_cast<double>(width) * 8));
    const std::size_t full = eighths / 8;
    std::string bar;
    for (std::size_t i = 0; i < full; ++i) {
        bar += "█";
    }
    std::size_t cells = full;
    if (full < width && eighths % 8 != 0) {
        bar += kEighths[eighths % 8];
        ++cells;
    }
    bar.append(width - cells, ' ');
    return bar;
}

}  // namespace vitalsd::ctl
