// SPDX-License-Identifier: MIT
#pragma once

#include <cairomm/context.h>
#include <gtkmm/widget.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include "time_series.hpp"

namespace vitalsd::monitor {

/// A graph of a few sensors over the last minutes, drawn with Cairo. It draws only when asked
/// (show_until), never on a timer: the right edge is the newest update, not the clock, so an
/// unchanged graph costs nothing.
class GraphView : public Gtk::Widget {
public:
    /// Percentages run from 0 to 100; anything else scales to what the graph shows.
    enum class Scale { Percent, Automatic };

    struct Look {
        Scale scale = Scale::Percent;
        std::string unit = "%";       ///< the sensors' unit, for the scale's label
        double floor = 1;             ///< an automatic scale never goes below this
        std::uint64_t span_usec = 0;  ///< the time across the graph
        std::uint64_t gap_usec = 0;   ///< points further apart are not joined
        bool compact = false;         ///< a small multiple: thin lines, no labels
    };

    /// name is the widget's name (tests find the graph by it); label its accessible name.
    GraphView(const std::string& name, const std::string& label, Look look);

    /// Returns the series of a sensor, adding a line in the given colour when it has none.
    TimeSeries& line(const std::string& id, const Gdk::RGBA& color);

    /// Returns the series of a sensor, nullptr when the graph has no line for it.
    TimeSeries* find(const std::string& id);

    /// Moves the right edge to now_usec and redraws.
    void show_until(std::uint64_t now_usec);

    /// Returns the lines and how many points each took from history and from updates, for
    /// --dump-widgets: "memory/physical/usedPercent:history=3,live=2 ...".
    std::string describe() const;

protected:
    Gtk::SizeRequestMode get_request_mode_vfunc() const override;
    void measure_vfunc(Gtk::Orientation orientation, int for_size, int& minimum, int& natural,
                       int& minimum_baseline, int& natural_baseline) const override;
    void snapshot_vfunc(const Glib::RefPtr<Gtk::Snapshot>& snapshot) override;

private:
    struct Line {
        std::string id;
        Gdk::RGBA color;
        TimeSeries series;
    };

    // The area a snapshot draws in, and the value at the top of its scale.
    struct Plot {
        double width = 0;
        double height = 0;
        double top = 1;
    };

    double top_of_scale(std::uint64_t left_usec) const;
    double x_of(const Plot& plot, std::uint64_t time_usec) const;
    double y_of(const Plot& plot, double value) const;
    // The snapshot's steps, in the order it takes them.
    void draw_background(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& ink,
                         const Plot& plot) const;
    void draw_grid(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& ink,
                   const Plot& plot) const;
    void draw_lines(const Cairo::RefPtr<Cairo::Context>& cr, const Plot& plot) const;
    void draw_run(const Cairo::RefPtr<Cairo::Context>& cr, const Line& line, std::size_t begin,
                  std::size_t end, const Plot& plot) const;
    void draw_labels(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& ink,
                     const Plot& plot);

    Look look_;
    std::deque<Line> lines_;  // a deque: the series stay where they are as lines are added
    std::uint64_t now_usec_ = 0;
};

}  // namespace vitalsd::monitor
