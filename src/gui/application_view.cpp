// SPDX-License-Identifier: MIT
#include "application_view.hpp"

#include <giomm/icon.h>
#include <gtkmm/image.h>
#include <gtkmm/label.h>

namespace vitalsd::monitor {
namespace {

// The icon a face names, the generic one of its kind when GIO cannot read the name.
Glib::RefPtr<Gio::Icon> icon_of(const ApplicationItem& item) {
    try {
        return Gio::Icon::create(item.face.icon);
    } catch (const Glib::Error&) {
        return Gio::Icon::create(generic_icon(item.row.kind));
    }
}

// What the name's tooltip says: the kind, and the cgroups the group starts at.
std::string tooltip_of(const vitalsd::ApplicationRow& row) {
    std::string text = row.kind;
    for (const auto& cgroup : row.cgroups) {
        text += "\n" + cgroup;
    }
    return text;
}

// Sorts a figure the service left out below every figure it gave, zero included.
double sort_key(const ApplicationItem& item, const std::string& figure) {
    return figure_of(item.row, figure).value_or(-1);
}

}  // namespace

Glib::RefPtr<ApplicationItem> ApplicationItem::create(vitalsd::ApplicationRow row,
                                                      ApplicationFace face) {
    return Glib::make_refptr_for_instance(new ApplicationItem(std::move(row), std::move(face)));
}

ApplicationItem::ApplicationItem(vitalsd::ApplicationRow row, ApplicationFace face)
    : Glib::ObjectBase(typeid(ApplicationItem)), row(std::move(row)), face(std::move(face)) {}

ApplicationView::ApplicationView(DesktopLookup lookup)
    : Gtk::Box(Gtk::Orientation::VERTICAL),
      lookup_(std::move(lookup)),
      table_("application-table", "Applications") {
    set_name("applications");
    add_name_column();
    add_figure_column("Processes", "processes");
    const auto cpu_column = add_figure_column("CPU %", "cpu");
    add_figure_column("Memory", "memory");
    add_figure_column("Disk read", "ioRead");
    add_figure_column("Disk write", "ioWrite");
    // The busiest first, as in the process table.
    table_.sort_descending_by(cpu_column);
    append(table_);
}

// The name after the icon of its desktop file or of its kind; the column that takes the width
// left over.
void ApplicationView::add_name_column() {
    auto factory = Gtk::SignalListItemFactory::create();
    factory->signal_setup().connect([](const Glib::RefPtr<Gtk::ListItem>& cell) {
        auto* box = Gtk::make_managed<Gtk::Box>(Gtk::Orientation::HORIZONTAL, 8);
        auto* icon = Gtk::make_managed<Gtk::Image>();
        icon->set_name("application-icon");
        auto* label = Gtk::make_managed<Gtk::Label>();
        label->set_name("application-name");
        label->set_xalign(0);
        label->set_ellipsize(Pango::EllipsizeMode::END);
        box->append(*icon);
        box->append(*label);
        cell->set_child(*box);
    });
    factory->signal_bind().connect([](const Glib::RefPtr<Gtk::ListItem>& cell) {
        auto* icon = dynamic_cast<Gtk::Image*>(cell->get_child()->get_first_child());
        auto* label = dynamic_cast<Gtk::Label*>(cell->get_child()->get_last_child());
        const auto item = std::dynamic_pointer_cast<ApplicationItem>(cell->get_item());
        if (icon == nullptr || label == nullptr || !item) {
            return;
        }
        icon->set(icon_of(*item));
        label->set_text(item->face.name);
        label->set_tooltip_text(tooltip_of(item->row));
    });
    auto column = Gtk::ColumnViewColumn::create("Name", factory);
    column->set_sorter(sort_by<ApplicationItem, Glib::ustring>(
        [](const ApplicationItem& item) { return Glib::ustring(item.face.name); }));
    column->set_expand(true);
    column->set_resizable(true);
    table_.add_column(column);
}

Glib::RefPtr<Gtk::ColumnViewColumn> ApplicationView::add_figure_column(const std::string& title,
                                                                       const std::string& figure) {
    return table_.add_column(text_column<ApplicationItem>(
        title, 1, [figure](const ApplicationItem& item) { return figure_text(item.row, figure); },
        sort_by<ApplicationItem, double>(
            [figure](const ApplicationItem& item) { return sort_key(item, figure); }),
        false));
}

const ApplicationFace& ApplicationView::face(const vitalsd::ApplicationRow& row) {
    const auto key = row.kind + '\n' + row.id + '\n' + row.hint;
    auto found = faces_.find(key);
    if (found == faces_.end()) {
        found = faces_.emplace(key, face_of(row, lookup_)).first;
    }
    return found->second;
}

void ApplicationView::show_applications(const std::vector<vitalsd::ApplicationRow>& applications) {
    std::vector<Glib::RefPtr<ApplicationItem>> items;
    items.reserve(applications.size());
    for (const auto& row : applications) {
        items.push_back(ApplicationItem::create(row, face(row)));
    }
    table_.show(
        items, +[](const ApplicationItem& item) { return item.row.id; });
}

}  // namespace vitalsd::monitor
