// SPDX-License-Identifier: MIT
#include "time_series.hpp"

#include <algorithm>
#include <cmath>

namespace vitalsd::monitor {

TimeSeries::TimeSeries(std::uint64_t span_usec) : span_usec_(span_usec) {}

bool TimeSeries::add(std::uint64_t time_usec, double value, Origin origin) {
    if (!points_.empty() && time_usec <= points_.back().time_usec) {
        return false;
    }
    points_.push_back({time_usec, value});
    (origin == Origin::History ? from_history_ : from_updates_) += 1;
    const std::uint64_t left = time_usec > span_usec_ ? time_usec - span_usec_ : 0;
    while (points_.size() > 2 && points_[1].time_usec <= left) {
        points_.pop_front();
    }
    return true;
}

double TimeSeries::max_since(std::uint64_t from_usec) const {
    double max = 0;
    for (std::size_t i = 0; i < points_.size(); ++i) {
        const bool shown = points_[i].time_usec >= from_usec ||
                           (i + 1 < points_.size() && points_[i + 1].time_usec >= from_usec);
        if (shown && !std::isnan(points_[i].value)) {
            max = std::max(max, points_[i].value);
        }
    }
    return max;
}

double nice_ceiling(double max, std::string_view unit, double floor) {
    if (!(max > floor)) {
        return floor;
    }
    // Bytes read in KiB, MiB, ...: round in the multiple the label will show.
    const bool bytes = unit.starts_with("B");
    double multiple = 1;
    while (bytes && max / multiple >= 1000) {
        multiple *= 1024;
    }
    const double scaled = max / multiple;
    const double power = std::pow(10.0, std::floor(std::log10(scaled)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (scaled <= step * power) {
            return step * power * multiple;
        }
    }
    return 10 * power * multiple;
}

}  // namespace vitalsd::monitor
