// SPDX-License-Identifier: MIT
#include "graph_card.hpp"

#include <glibmm/markup.h>

#include <cmath>
#include <cstdio>

namespace vitalsd::monitor {

std::string hex_color(const Gdk::RGBA& color) {
    const auto byte = [](double channel) { return static_cast<int>(std::lround(channel * 255)); };
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(color.get_red()),
                  byte(color.get_green()), byte(color.get_blue()));
    return text;
}

GraphCard::GraphCard(const std::string& name, const std::string& title, GraphView::Look look)
    : Gtk::Box(Gtk::Orientation::VERTICAL, 8),
      name_(name),
      header_(Gtk::Orientation::HORIZONTAL, 18),
      title_(title),
      legend_(Gtk::Orientation::HORIZONTAL, 16),
      graph_(name + "-graph", title + " over the last minutes", std::move(look)) {
    set_name(name + "-card");
    add_css_class("vitals-card");
    title_.add_css_class("card-title");
    title_.set_xalign(0);
    legend_.add_css_class("legend");
    legend_.set_hexpand(true);
    legend_.set_halign(Gtk::Align::END);
    header_.append(title_);
    header_.append(legend_);
    append(header_);
    graph_.set_vexpand(true);
    graph_.set_hexpand(true);
    append(graph_);
}

void GraphCard::set_entry(const std::string& key, const Gdk::RGBA& color,
                          const std::string& caption, const std::string& value) {
    auto found = entries_.find(key);
    if (found == entries_.end()) {
        auto* label = Gtk::make_managed<Gtk::Label>();
        label->set_name(name_ + "-" + key);
        label->add_css_class("numeric");
        legend_.append(*label);
        found = entries_.emplace(key, label).first;
    }
    const std::string markup = "<span foreground=\"" + hex_color(color) + "\">●</span> " +
                               Glib::Markup::escape_text(caption) + "  <b>" +
                               Glib::Markup::escape_text(value) + "</b>";
    auto& shown = shown_[key];
    if (markup != shown) {
        shown = markup;
        found->second->set_markup(markup);
    }
}

}  // namespace vitalsd::monitor
