// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/box.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sortable_table.hpp"
#include "wire.hpp"

namespace vitalsd::monitor {

/// One row of the process table: a process as the service gave it, and its owner's name.
class ProcessItem : public Glib::Object {
public:
    static Glib::RefPtr<ProcessItem> create(vitalsd::ProcessRow row, std::string user);

    const vitalsd::ProcessRow row;
    const std::string user;

protected:
    ProcessItem(vitalsd::ProcessRow row, std::string user);
};

/// The process table: a column view sortable by name, pid, user, CPU, memory and threads (a
/// click on a column's header), highest CPU first to begin with. The selected process stays
/// selected across refreshes.
class ProcessView : public Gtk::Box {
public:
    ProcessView();

    /// Shows a new process table.
    void show_processes(const std::vector<vitalsd::ProcessRow>& processes);

    /// Returns how many processes the table holds.
    unsigned row_count() const { return table_.row_count(); }

private:
    Glib::RefPtr<Gtk::ColumnViewColumn> add_column(
        const std::string& title, float xalign, std::function<std::string(const ProcessItem&)> text,
        const Glib::RefPtr<Gtk::Sorter>& sorter, bool expand);
    const std::string& user_name(std::uint32_t uid);

    SortableTable<ProcessItem> table_;
    std::unordered_map<std::uint32_t, std::string> user_names_;
};

}  // namespace vitalsd::monitor
