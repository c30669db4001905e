// SPDX-License-Identifier: MIT
#include "graph_view.hpp"

#include <gtkmm/snapshot.h>
#include <gtkmm/stylecontext.h>

#include <cmath>
#include <numbers>

#include "value_format.hpp"

namespace vitalsd::monitor {
namespace {

constexpr double kCornerRadius = 6;

void rounded_rectangle(const Cairo::RefPtr<Cairo::Context>& cr, double width, double height,
                       double radius) {
    constexpr double quarter = std::numbers::pi / 2;
    cr->begin_new_sub_path();
    cr->arc(width - radius, radius, radius, -quarter, 0);
    cr->arc(width - radius, height - radius, radius, 0, quarter);
    cr->arc(radius, height - radius, radius, quarter, 2 * quarter);
    cr->arc(radius, radius, radius, 2 * quarter, 3 * quarter);
    cr->close_path();
}

void set_color(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& color, double alpha) {
    cr->set_source_rgba(color.get_red(), color.get_green(), color.get_blue(),
                        color.get_alpha() * alpha);
}

}  // namespace

GraphView::GraphView(const std::string& name, const std::string& label, Look look)
    : Glib::ObjectBase("VitalsGraphView"), look_(std::move(look)) {
    set_name(name);
    add_css_class("graph");
    // A picture to assistive technologies, named after what it shows.
    gtk_accessible_update_property(GTK_ACCESSIBLE(gobj()), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                   label.c_str(), -1);
}

TimeSeries& GraphView::line(const std::string& id, const Gdk::RGBA& color) {
    if (auto* series = find(id)) {
        return *series;
    }
    lines_.push_back({id, color, TimeSeries(look_.span_usec)});
    return lines_.back().series;
}

TimeSeries* GraphView::find(const std::string& id) {
    for (auto& line : lines_) {
        if (line.id == id) {
            return &line.series;
        }
    }
    return nullptr;
}

void GraphView::show_until(std::uint64_t now_usec) {
    now_usec_ = now_usec;
    queue_draw();
}

std::string GraphView::describe() const {
    std::string text;
    for (const auto& line : lines_) {
        text += (text.empty() ? "" : " ") + line.id +
                ":history=" + std::to_string(line.series.from_history()) +
                ",live=" + std::to_string(line.series.from_updates());
    }
    return text;
}

Gtk::SizeRequestMode GraphView::get_request_mode_vfunc() const {
    return Gtk::SizeRequestMode::CONSTANT_SIZE;
}

void GraphView::measure_vfunc(Gtk::Orientation orientation, int, int& minimum, int& natural,
                              int& minimum_baseline, int& natural_baseline) const {
    if (orientation == Gtk::Orientation::HORIZONTAL) {
        minimum = look_.compact ? 60 : 160;
        natural = look_.compact ? 120 : 360;
    } else {
        minimum = look_.compact ? 36 : 90;
        natural = look_.compact ? 44 : 140;
    }
    minimum_baseline = natural_baseline = -1;
}

double GraphView::top_of_scale(std::uint64_t left_usec) const {
    if (look_.scale == Scale::Percent) {
        return 100;
    }
    double max = 0;
    for (const auto& line : lines_) {
        max = std::max(max, line.series.max_since(left_usec));
    }
    return nice_ceiling(max, look_.unit, look_.floor);
}

void GraphView::snapshot_vfunc(const Glib::RefPtr<Gtk::Snapshot>& snapshot) {
    const double width = get_width();
    const double height = get_height();
    if (width <= 0 || height <= 0) {
        return;
    }
    // GTK 4.8 has no Widget::get_color() yet; the style context gives the theme's text colour,
    // so that the grid suits a dark theme as well as a light one.
    const Gdk::RGBA ink = get_style_context()->get_color();
    auto cr = snapshot->append_cairo(Gdk::Rectangle(0, 0, get_width(), get_height()));
    const std::uint64_t left = now_usec_ > look_.span_usec ? now_usec_ - look_.span_usec : 0;
    const Plot plot{width, height, top_of_scale(left)};

    draw_background(cr, ink, plot);
    draw_grid(cr, ink, plot);
    draw_lines(cr, plot);
    if (!look_.compact) {
        draw_labels(cr, ink, plot);
    }
}

double GraphView::x_of(const Plot& plot, std::uint64_t time_usec) const {
    return plot.width - (static_cast<double>(now_usec_) - static_cast<double>(time_usec)) /
                            look_.span_usec * plot.width;
}

double GraphView::y_of(const Plot& plot, double value) const {
    const double inset = look_.compact ? 1 : 2;  // keep a line at 0 or 100 % in view
    return inset + (plot.height - 2 * inset) * (1 - std::clamp(value / plot.top, 0.0, 1.0));
}

// A rounded tint of the text colour, and everything after clipped to it.
void GraphView::draw_background(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& ink,
                                const Plot& plot) const {
    rounded_rectangle(cr, plot.width, plot.height, look_.compact ? 4 : kCornerRadius);
    set_color(cr, ink, 0.04);
    cr->fill_preserve();
    cr->clip();
}

// Three faint lines across, at a quarter, a half and three quarters of the scale.
void GraphView::draw_grid(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& ink,
                          const Plot& plot) const {
    cr->set_line_width(1);
    set_color(cr, ink, 0.09);
    for (int i = 1; i < 4; ++i) {
        const double y = std::round(plot.height * i / 4) + 0.5;
        cr->move_to(0, y);
        cr->line_to(plot.width, y);
    }
    cr->stroke();
}

void GraphView::draw_lines(const Cairo::RefPtr<Cairo::Context>& cr, const Plot& plot) const {
    for (const auto& line : lines_) {
        const auto& points = line.series.points();
        // Runs of joined points: a NaN or a gap in time (sampling stopped) ends one.
        std::size_t i = 0;
        while (i < points.size()) {
            while (i < points.size() && std::isnan(points[i].value)) {
                ++i;
            }
            std::size_t end = i;
            while (
                end < points.size() && !std::isnan(points[end].value) &&
                (end == i || points[end].time_usec - points[end - 1].time_usec <= look_.gap_usec)) {
                ++end;
            }
            if (end == i) {
                break;
            }
            draw_run(cr, line, i, end, plot);
            i = end;
        }
    }
}

// The points [begin, end) of a line, joined, over the area under them.
void GraphView::draw_run(const Cairo::RefPtr<Cairo::Context>& cr, const Line& line,
                         std::size_t begin, std::size_t end, const Plot& plot) const {
    const auto& points = line.series.points();
    cr->move_to(x_of(plot, points[begin].time_usec), y_of(plot, points[begin].value));
    for (std::size_t k = begin + 1; k < end; ++k) {
        cr->line_to(x_of(plot, points[k].time_usec), y_of(plot, points[k].value));
    }
    if (end - begin == 1) {
        cr->rel_line_to(1, 0);  // a lone point still shows as a dot
    }
    auto path = cr->copy_path();
    cr->line_to(x_of(plot, points[end - 1].time_usec), plot.height);
    cr->line_to(x_of(plot, points[begin].time_usec), plot.height);
    cr->close_path();
    set_color(cr, line.color, lines_.size() > 1 ? 0.10 : 0.22);
    cr->fill();
    cr->append_path(*path);
    set_color(cr, line.color, 1);
    cr->set_line_width(look_.compact ? 1.2 : 1.8);
    cr->set_line_join(Cairo::Context::LineJoin::ROUND);
    cr->stroke();
}

// The scale's top in the top left corner, the span in the bottom left.
void GraphView::draw_labels(const Cairo::RefPtr<Cairo::Context>& cr, const Gdk::RGBA& ink,
                            const Plot& plot) {
    // The scale's top is a round number: "100 %", "10 MiB/s", not "100.0 %".
    auto scale = vitalsd::human_quantity(plot.top, look_.unit);
    if (scale.number.ends_with(".0")) {
        scale.number.resize(scale.number.size() - 2);
    }
    auto layout = create_pango_layout(scale.text());
    Pango::FontDescription font = layout->get_context()->get_font_description();
    font.set_size(font.get_size() * 8 / 10);
    layout->set_font_description(font);
    set_color(cr, ink, 0.55);
    cr->move_to(6, 3);
    layout->show_in_cairo_context(cr);
    const auto minutes = look_.span_usec / 60'000'000;
    layout->set_text(minutes > 0 ? std::to_string(minutes) + " min"
                                 : std::to_string(look_.span_usec / 1'000'000) + " s");
    int text_width = 0, text_height = 0;
    layout->get_pixel_size(text_width, text_height);
    cr->move_to(6, plot.height - text_height - 3);
    layout->show_in_cairo_context(cr);
}

}  // namespace vitalsd::monitor
