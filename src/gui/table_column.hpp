// SPDX-License-Identifier: MIT
#pragma once

#include <gtkmm/columnviewcolumn.h>
#include <gtkmm/label.h>
#include <gtkmm/listitem.h>
#include <gtkmm/numericsorter.h>
#include <gtkmm/signallistitemfactory.h>
#include <gtkmm/stringsorter.h>

#include <functional>
#include <string>
#include <type_traits>

namespace vitalsd::monitor {

/// Returns a sorter of a column view's items of type Item by a key: by text, ignoring case, when
/// Value is Glib::ustring, by number otherwise.
template <typename Item, typename Value>
Glib::RefPtr<Gtk::Sorter> sort_by(Value (*key)(const Item&)) {
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

}  // namespace vitalsd::monitor
