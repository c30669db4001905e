// SPDX-License-Identifier: MIT
#include "process_view.hpp"

#include <pwd.h>

#include <cstdio>

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

ProcessView::ProcessView()
    : Gtk::Box(Gtk::Orientation::VERTICAL), table_("process-table", "Processes") {
    set_name("processes");
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
    const auto cpu_column = add_column(
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
    table_.sort_descending_by(cpu_column);
    append(table_);
}

Glib::RefPtr<Gtk::ColumnViewColumn> ProcessView::add_column(
    const std::string& title, float xalign, std::function<std::string(const ProcessItem&)> text,
    const Glib::RefPtr<Gtk::Sorter>& sorter, bool expand) {
    return table_.add_column(
        text_column<ProcessItem>(title, xalign, std::move(text), sorter, expand));
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
    std::vector<Glib::RefPtr<ProcessItem>> items;
    items.reserve(processes.size());
    for (const auto& row : processes) {
        items.push_back(ProcessItem::create(row, user_name(row.uid)));
    }
    table_.show(
        items, +[](const ProcessItem& item) { return item.row.pid; });
}

}  // namespace vitalsd::monitor
