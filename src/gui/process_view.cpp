// SPDX-License-Identifier: MIT
#include "process_view.hpp"

#include <pwd.h>

#include <cstdio>

#include "table_column.hpp"
#include "value_format.hpp"

namespace vitalsd::monitor {
namespace {

std::string one_decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

// What the command column says: the command line, or the name in brackets for a kernel
// thread, which has none (as top and ps show them).
std::string command_of(const vitalsd::ProcessRow& row) {
    return row.command_line.empty() ? "[" + row.name + "]" : row.command_line;
}

}  // namespace

Glib::RefPtr<ProcessItem> ProcessItem::create(vitalsd::ProcessRow row, std::string user) {
    return Glib::make_refptr_for_instance(new ProcessItem(std::move(row), std::move(user)));
}

ProcessItem::ProcessItem(vitalsd::ProcessRow row, std::string user)
    : Glib::ObjectBase(typeid(ProcessItem)), row(std::move(row)), user(std::move(user)) {}

ProcessView::ProcessView() : Gtk::Box(Gtk::Orientation::VERTICAL) {
    set_name("processes");
    store_ = Gio::ListStore<ProcessItem>::create();
    sorted_ = Gtk::SortListModel::create(store_, table_.get_sorter());
    selection_ = Gtk::SingleSelection::create(sorted_);
    selection_->set_autoselect(false);
    selection_->set_can_unselect(true);
    table_.set_model(selection_);
    table_.set_name("process-table");
    table_.add_css_class("data-table");
    table_.set_show_column_separators(false);
    gtk_accessible_update_property(GTK_ACCESSIBLE(table_.gobj()), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                   "Processes", -1);

    add_column(
        "Name", 0, [](const ProcessItem& item) { return item.row.name; },
        sort_by<ProcessItem, Glib::ustring>(
            [](const ProcessItem& item) { return Glib::ustring(item.row.name); }),
        false);
    add_column(
        "PID", 1, [](const ProcessItem& item) { return std::to_string(item.row.pid); },
        sort_by<ProcessItem, double>([](const ProcessItem& item) { return double(item.row.pid); }),
        false);
    add_column(
        "User", 0, [](const ProcessItem& item) { return item.user; },
        sort_by<ProcessItem, Glib::ustring>(
            [](const ProcessItem& item) { return Glib::ustring(item.user); }),
        false);
    cpu_column_ = add_column(
        "CPU %", 1, [](const ProcessItem& item) { return one_decimal(item.row.cpu_percent); },
        sort_by<ProcessItem, double>([](const ProcessItem& item) { return item.row.cpu_percent; }),
        false);
    add_column(
        "Memory", 1,
        [](const ProcessItem& item) {
            return vitalsd::human_value(static_cast<double>(item.row.resident_bytes), "B");
        },
        sort_by<ProcessItem, double>(
            [](const ProcessItem& item) { return double(item.row.resident_bytes); }),
        false);
    add_column(
        "Threads", 1, [](const ProcessItem& item) { return std::to_string(item.row.threads); },
        sort_by<ProcessItem, double>(
            [](const ProcessItem& item) { return double(item.row.threads); }),
        false);
    add_column(
        "Command", 0, [](const ProcessItem& item) { return command_of(item.row); },
        sort_by<ProcessItem, Glib::ustring>(
            [](const ProcessItem& item) { return Glib::ustring(command_of(item.row)); }),
        true);
    // The busiest first, as in top.
    table_.sort_by_column(cpu_column_, Gtk::SortType::DESCENDING);

    scroller_.set_child(table_);
    scroller_.set_vexpand(true);
    scroller_.set_hexpand(true);
    append(scroller_);
}

Glib::RefPtr<Gtk::ColumnViewColumn> ProcessView::add_column(
    const std::string& title, float xalign, std::function<std::string(const ProcessItem&)> text,
    const Glib::RefPtr<Gtk::Sorter>& sorter, bool expand) {
    auto column = text_column<ProcessItem>(title, xalign, std::move(text), sorter, expand);
    table_.append_column(column);
    return column;
}

const std::string& ProcessView::user_name(std::uint32_t uid) {
    auto found = user_names_.find(uid);
    if (found == user_names_.end()) {
        passwd entry{};
        passwd* result = nullptr;
        char buffer[1024];
        const bool known =
            ::getpwuid_r(uid, &entry, buffer, sizeof buffer, &result) == 0 && result != nullptr;
        found = user_names_.emplace(uid, known ? entry.pw_name : std::to_string(uid)).first;
    }
    return found->second;
}

void ProcessView::show_processes(const std::vector<vitalsd::ProcessRow>& processes) {
    std::optional<std::uint32_t> selected_pid;
    if (const auto item = std::dynamic_pointer_cast<ProcessItem>(selection_->get_selected_item())) {
        selected_pid = item->row.pid;
    }
    std::vector<Glib::RefPtr<ProcessItem>> items;
    items.reserve(processes.size());
    for (const auto& row : processes) {
        items.push_back(ProcessItem::create(row, user_name(row.uid)));
    }
    store_->splice(0, store_->get_n_items(), items);
    if (selected_pid) {
        for (unsigned i = 0; i < sorted_->get_n_items(); ++i) {
            const auto item = std::dynamic_pointer_cast<ProcessItem>(sorted_->get_object(i));
            if (item && item->row.pid == *selected_pid) {
                selection_->set_selected(i);
                break;
            }
        }
    }
}

}  // namespace vitalsd::monitor
