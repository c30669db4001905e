// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/widget.h>

#include <string>

namespace vitalsd::monitor {

/// Returns the widget tree under root, a widget a line, indented by depth: its type, name,
/// whether it is visible and mapped, its bounds in the root's surface (the pixels a screenshot
/// of the window shows it at), and what it says: a label's text, an image's icon, a switch's
/// state, a graph's lines, the process and application tables' row counts. For tests that check
/// the real window.
///
/// Why this stays in the program: the window test (tests/gui/monitor_window_test.cpp) must see
/// the labels' exact text, each graph's point counts (from history and from updates) and the
/// widgets' state, which the pixels of a screenshot cannot tell reliably: fonts, themes and
/// anti-aliasing differ from one machine to the next, and a drawn line does not say how many
/// points it joins. Nothing calls it unless vitals-monitor runs with --dump-widgets=FILE.
std::string describe_widget_tree(Gtk::Widget& root);

}  // namespace vitalsd::monitor
