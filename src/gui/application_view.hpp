// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/box.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "application_face.hpp"
#include "sortable_table.hpp"
#include "wire.hpp"

namespace vitalsd::monitor {

/// One row of the application table: a group of processes as the service gave it, and how it
/// is shown.
class ApplicationItem : public Glib::Object {
public:
    static Glib::RefPtr<ApplicationItem> create(vitalsd::ApplicationRow row, ApplicationFace face);

    const vitalsd::ApplicationRow row;
    const ApplicationFace face;

protected:
    ApplicationItem(vitalsd::ApplicationRow row, ApplicationFace face);
};

/// The application table: the groups of processes (apps, services, containers, sessions, the
/// system), each with its icon and name, its processes, CPU, memory and disk I/O; sortable by
/// each (a click on a column's header), the busiest first to begin with. The selected group
/// stays selected across refreshes.
class ApplicationView : public Gtk::Box {
public:
    /// Names and icons come from the lookup's desktop files, each looked up once.
    explicit ApplicationView(DesktopLookup lookup = find_desktop_entry);

    /// Shows a new list of groups.
    void show_applications(const std::vector<vitalsd::ApplicationRow>& applications);

    /// Returns how many groups the table holds.
    unsigned row_count() const { return table_.row_count(); }

private:
    void add_name_column();
    Glib::RefPtr<Gtk::ColumnViewColumn> add_figure_column(const std::string& title,
                                                          const std::string& figure);
    const ApplicationFace& face(const vitalsd::ApplicationRow& row);

    DesktopLookup lookup_;
    SortableTable<ApplicationItem> table_;
    // By kind and id: desktop files are read once, not at every refresh.
    std::unordered_map<std::string, ApplicationFace> faces_;
};

}  // namespace vitalsd::monitor
