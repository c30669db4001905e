// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>

namespace vitalsd::monitor {

/// One sensor's recent values by CLOCK_REALTIME timestamp (microseconds), oldest first, for a
/// graph that spans a fixed time. NaN marks a time the sensor was not sampled: a gap.
class TimeSeries {
public:
    struct Point {
        std::uint64_t time_usec;
        double value;
    };

    /// Where a point came from: the service's history when the window opened or came back, or
    /// a live update.
    enum class Origin { History, Live };

    /// Keeps what a graph spanning span_usec back from its newest point needs.
    explicit TimeSeries(std::uint64_t span_usec);

    /// Appends a point; returns false and keeps nothing when it is not newer than the newest
    /// (history fetched again after a pause overlaps what is there). Drops points that fell out
    /// of the span, keeping one before it so that the line enters the graph at its left edge.
    bool add(std::uint64_t time_usec, double value, Origin origin);

    const std::deque<Point>& points() const { return points_; }

    /// Returns the largest value at or after from_usec (and the point just before it), 0 when
    /// there is none: what an automatic scale must fit.
    double max_since(std::uint64_t from_usec) const;

    /// How many points the series took from history and from live updates since it was made.
    std::size_t from_history() const { return from_history_; }
    std::size_t from_updates() const { return from_updates_; }

private:
    std::uint64_t span_usec_;
    std::deque<Point> points_;
    std::size_t from_history_ = 0;
    std::size_t from_updates_ = 0;
};

/// Returns the top of an automatic scale for values up to max in the given unit: the next 1, 2
/// or 5 times a power of ten in the unit people read (10 MiB/s for 6.1 MiB/s, counting bytes in
/// binary multiples as value_format does), never below floor.
double nice_ceiling(double max, std::string_view unit, double floor);

}  // namespace vitalsd::monitor
