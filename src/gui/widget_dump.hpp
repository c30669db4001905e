// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/widget.h>

#include <string>

namespace vitalsd::monitor {

/// Returns the widget tree under root, a widget a line, indented by depth: its type, name,
/// whether it is visible and mapped, its bounds in the root's surface (the pixels a screenshot
/// of the window shows it at), and what it says: a label's text, a graph's lines, the process
/// table's row count. For tests that check the real window.
std::string describe_widget_tree(Gtk::Widget& root);

}  // namespace vitalsd::monitor
