// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/label.h>

#include <map>
#include <string>

#include "graph_view.hpp"

namespace vitalsd::monitor {

/// A titled card: a legend of values with units above a graph of them. Each legend entry is a
/// label named after its card and key ("memory-card" holds "memory-physical"), so that tests and
/// assistive technologies find it.
class GraphCard : public Gtk::Box {
public:
    /// name prefixes the widget names: "<name>-card", "<name>-graph", "<name>-<key>".
    GraphCard(const std::string& name, const std::string& title, GraphView::Look look);

    GraphView& graph() { return graph_; }

    /// Shows "● caption  value" for a key, adding the entry in the colour's dot when it is new;
    /// sets the label only when its text changes, so an unchanged value draws nothing.
    void set_entry(const std::string& key, const Gdk::RGBA& color, const std::string& caption,
                   const std::string& value);

private:
    std::string name_;
    Gtk::Box header_;
    Gtk::Label title_;
    Gtk::Box legend_;
    GraphView graph_;
    std::map<std::string, Gtk::Label*> entries_;
    std::map<std::string, std::string> shown_;
};

/// Returns the colour as CSS hex text for Pango markup ("#3584e4").
std::string hex_color(const Gdk::RGBA& color);

}  // namespace vitalsd::monitor
