// SPDX-License-Identifier: MIT
#include "widget_dump.hpp"

#include <gtkmm/image.h>
#include <gtkmm/label.h>
#include <gtkmm/native.h>
#include <gtkmm/switch.h>

#include <cmath>

#include "application_view.hpp"
#include "graph_view.hpp"
#include "process_view.hpp"

namespace vitalsd::monitor {
namespace {

// One line of text, quoted.
std::string quoted(std::string text) {
    for (auto& c : text) {
        if (c == '\n' || c == '"') {
            c = ' ';
        }
    }
    return "\"" + text + "\"";
}

// The icon an image shows: a theme's icon name, or GIO's text for another icon.
std::string icon_of(const Gtk::Image& image) {
    switch (image.get_storage_type()) {
        case Gtk::Image::Type::ICON_NAME:
            return image.get_icon_name();
        case Gtk::Image::Type::GICON:
            return image.get_gicon()->to_string();
        default:
            return "";
    }
}

void describe(Gtk::Widget& widget, Gtk::Widget& root, double surface_x, double surface_y, int depth,
              std::string& out) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += G_OBJECT_TYPE_NAME(widget.gobj());
    out += " name=" + std::string(widget.get_name());
    out += " visible=" + std::to_string(widget.get_visible() ? 1 : 0);
    out += " mapped=" + std::to_string(widget.get_mapped() ? 1 : 0);
    graphene_rect_t bounds;
    if (gtk_widget_compute_bounds(widget.gobj(), root.gobj(), &bounds)) {
        out += " x=" + std::to_string(std::lround(bounds.origin.x + surface_x)) +
               " y=" + std::to_string(std::lround(bounds.origin.y + surface_y)) +
               " w=" + std::to_string(std::lround(bounds.size.width)) +
               " h=" + std::to_string(std::lround(bounds.size.height));
    }
    if (const auto* label = dynamic_cast<Gtk::Label*>(&widget)) {
        out += " text=" + quoted(label->get_text());
    }
    if (const auto* graph = dynamic_cast<GraphView*>(&widget)) {
        out += " lines=" + quoted(graph->describe());
    }
    if (const auto* processes = dynamic_cast<ProcessView*>(&widget)) {
        out += " rows=" + std::to_string(processes->row_count());
    }
    if (const auto* applications = dynamic_cast<ApplicationView*>(&widget)) {
        out += " rows=" + std::to_string(applications->row_count());
    }
    if (const auto* image = dynamic_cast<Gtk::Image*>(&widget)) {
        out += " icon=" + quoted(icon_of(*image));
    }
    if (const auto* toggle = dynamic_cast<Gtk::Switch*>(&widget)) {
        out += " active=" + std::to_string(toggle->get_active() ? 1 : 0);
    }
    out += '\n';
    for (auto* child = widget.get_first_child(); child != nullptr;
         child = child->get_next_sibling()) {
        describe(*child, root, surface_x, surface_y, depth + 1, out);
    }
}

}  // namespace

std::string describe_widget_tree(Gtk::Widget& root) {
    // Widget coordinates start inside the window's shadow and border, the surface's outside.
    double surface_x = 0, surface_y = 0;
    if (GTK_IS_NATIVE(root.gobj())) {
        gtk_native_get_surface_transform(GTK_NATIVE(root.gobj()), &surface_x, &surface_y);
    }
    std::string out;
    describe(root, root, surface_x, surface_y, 0, out);
    return out;
}

}  // namespace vitalsd::monitor
