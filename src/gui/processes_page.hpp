// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/box.h>
#include <gtkmm/label.h>
#include <gtkmm/stack.h>
#include <gtkmm/switch.h>

#include <string>
#include <vector>

#include "application_view.hpp"
#include "process_view.hpp"
#include "wire.hpp"

namespace vitalsd::monitor {

/// The Processes page: the process table or the application table, the processes grouped by
/// application, under a header that says how many rows there are and holds the switch between
/// the two.
class ProcessesPage : public Gtk::Box {
public:
    /// The switch stands for a boolean action of the window's, such as
    /// "win.group-by-application": it shows the action's state and toggles it, and whoever owns
    /// the action calls show_grouped() when the state changes.
    explicit ProcessesPage(const std::string& grouping_action);

    /// Shows the application table when true, the process table when false.
    void show_grouped(bool grouped);

    /// Returns whether the application table is the one shown.
    bool grouped() const { return grouped_; }

    void show_processes(const std::vector<vitalsd::ProcessRow>& processes);
    void show_applications(const std::vector<vitalsd::ApplicationRow>& applications);

private:
    void show_count();

    bool grouped_ = false;
    Gtk::Box header_;
    Gtk::Label count_;
    Gtk::Label switch_label_;
    Gtk::Switch switch_;
    Gtk::Stack tables_;
    ProcessView processes_;
    ApplicationView applications_;
};

}  // namespace vitalsd::monitor
