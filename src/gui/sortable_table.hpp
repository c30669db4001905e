// SPDX-License-Identifier: MIT
#pragma once

#include <giomm/liststore.h>
#include <gtkmm/columnview.h>
#include <gtkmm/columnviewcolumn.h>
#include <gtkmm/label.h>
#include <gtkmm/listitem.h>
#include <gtkmm/numericsorter.h>
#include <gtkmm/scrolledwindow.h>
#include <gtkmm/signallistitemfactory.h>
#include <gtkmm/singleselection.h>
#include <gtkmm/sortlistmodel.h>
#include <gtkmm/stringsorter.h>

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace vitalsd::monitor {

/// Returns a sorter of a column view's items of type Item by a key: by text, ignoring case, when
/// Value is Glib::ustring, by number otherwise.
template <typename Item, typename Value>
Glib::RefPtr<Gtk::Sorter> sort_by(std::function<Value(const Item&)> key) {
    auto expression =
        Gtk::ClosureExpression<Value>::create([key](const Glib::RefPtr<Glib::ObjectBase>& object) {
            const auto item = std::dynamic_pointer_cast<Item>(object);
            return item ? key(*item) : Value{};
        });
    if constexpr (std::is_same_v<Value, Glib::ustring>) {
        auto sorter = Gtk::StringSorter::create(expression);
        sorter->set_ignore_case(true);
        return sorter;
    } else {
        return Gtk::NumericSorter<Value>::create(expression);
    }
}

/// Returns a resizable column of one label a cell, its text from the item. Right-aligned
/// (xalign 1) it is a column of figures, in digits of equal width; expanding, it takes the width
/// left over and ellipsizes what does not fit.
template <typename Item>
Glib::RefPtr<Gtk::ColumnViewColumn> text_column(const std::string& title, float xalign,
                                                std::function<std::string(const Item&)> text,
                                                const Glib::RefPtr<Gtk::Sorter>& sorter,
                                                bool expand) {
    auto factory = Gtk::SignalListItemFactory::create();
    factory->signal_setup().connect([xalign, expand](const Glib::RefPtr<Gtk::ListItem>& cell) {
        auto* label = Gtk::make_managed<Gtk::Label>();
        label->set_xalign(xalign);
        label->set_ellipsize(expand ? Pango::EllipsizeMode::END : Pango::EllipsizeMode::NONE);
        if (xalign > 0) {
            label->add_css_class("numeric");  // digits of equal width line up in a column
        }
        cell->set_child(*label);
    });
    factory->signal_bind().connect([text](const Glib::RefPtr<Gtk::ListItem>& cell) {
        auto* label = dynamic_cast<Gtk::Label*>(cell->get_child());
        const auto item = std::dynamic_pointer_cast<Item>(cell->get_item());
        if (label != nullptr && item) {
            label->set_text(text(*item));
        }
    });
    auto column = Gtk::ColumnViewColumn::create(title, factory);
    column->set_sorter(sorter);
    column->set_expand(expand);
    column->set_resizable(true);
    return column;
}

/// A table of items of type Item (a Glib::Object): a column view in a scrolled window, sorted by
/// the column whose header was last clicked, whose selected item stays selected when the items are
/// replaced. The model (a list store of items) apart from the view (the columns, which say how an
/// item reads).
template <typename Item>
class SortableTable : public Gtk::ScrolledWindow {
public:
    /// name is the column view's widget name; label what assistive technologies call it.
    SortableTable(const std::string& name, const char* label) {
        store_ = Gio::ListStore<Item>::create();
        sorted_ = Gtk::SortListModel::create(store_, table_.get_sorter());
        selection_ = Gtk::SingleSelection::create(sorted_);
        selection_->set_autoselect(false);
        selection_->set_can_unselect(true);
        table_.set_model(selection_);
        table_.set_name(name);
        table_.add_css_class("data-table");
        table_.set_show_column_separators(false);
        gtk_accessible_update_property(GTK_ACCESSIBLE(table_.gobj()), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label, -1);
        set_child(table_);
        set_vexpand(true);
        set_hexpand(true);
    }

    /// Adds a column on the right; returns it.
    Glib::RefPtr<Gtk::ColumnViewColumn> add_column(Glib::RefPtr<Gtk::ColumnViewColumn> column) {
        table_.append_column(column);
        return column;
    }

    /// Sorts by the column, highest first, as if its header had been clicked twice.
    void sort_descending_by(const Glib::RefPtr<Gtk::ColumnViewColumn>& column) {
        table_.sort_by_column(column, Gtk::SortType::DESCENDING);
    }

    /// Replaces every item. The item whose key equals the selected one's is selected after.
    template <typename Key>
    void show(const std::vector<Glib::RefPtr<Item>>& items, Key (*key)(const Item&)) {
        std::optional<Key> selected;
        if (const auto item = std::dynamic_pointer_cast<Item>(selection_->get_selected_item())) {
            selected = key(*item);
        }
        store_->splice(0, store_->get_n_items(), items);
        for (unsigned i = 0; selected && i < sorted_->get_n_items(); ++i) {
            const auto item = std::dynamic_pointer_cast<Item>(sorted_->get_object(i));
            if (item && key(*item) == *selected) {
                selection_->set_selected(i);
                break;
            }
        }
    }

    /// Returns how many items the table holds.
    unsigned row_count() const { return store_->get_n_items(); }

private:
    Gtk::ColumnView table_;
    Glib::RefPtr<Gio::ListStore<Item>> store_;
    Glib::RefPtr<Gtk::SortListModel> sorted_;
    Glib::RefPtr<Gtk::SingleSelection> selection_;
};

}  // namespace vitalsd::monitor
