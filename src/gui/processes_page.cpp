// SPDX-License-Identifier: MIT
#include "processes_page.hpp"

namespace vitalsd::monitor {
namespace {

std::string count_of(unsigned count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

}  // namespace

ProcessesPage::ProcessesPage(const std::string& grouping_action)
    : Gtk::Box(Gtk::Orientation::VERTICAL), header_(Gtk::Orientation::HORIZONTAL, 8) {
    set_name("processes-page");
    count_.set_name("processes-count");
    count_.add_css_class("dim-label");
    count_.set_xalign(0);
    count_.set_hexpand(true);
    switch_label_.set_text_with_mnemonic("Group by _application");
    switch_label_.set_mnemonic_widget(switch_);
    switch_.set_name("group-by-application");
    switch_.set_valign(Gtk::Align::CENTER);
    switch_.set_action_name(grouping_action);
    header_.set_margin_start(14);
    header_.set_margin_end(14);
    header_.set_margin_top(8);
    header_.set_margin_bottom(8);
    header_.append(count_);
    header_.append(switch_label_);
    header_.append(switch_);
    append(header_);

    tables_.add(processes_, "processes");
    tables_.add(applications_, "applications");
    tables_.set_transition_type(Gtk::StackTransitionType::CROSSFADE);
    tables_.set_vexpand(true);
    append(tables_);
    show_count();
}

void ProcessesPage::show_grouped(bool grouped) {
    grouped_ = grouped;
    tables_.set_visible_child(grouped ? "applications" : "processes");
    show_count();
}

void ProcessesPage::show_processes(const std::vector<vitalsd::ProcessRow>& processes) {
    processes_.show_processes(processes);
    show_count();
}

void ProcessesPage::show_applications(const std::vector<vitalsd::ApplicationRow>& applications) {
    applications_.show_applications(applications);
    show_count();
}

void ProcessesPage::show_count() {
    const auto text = grouped_ ? count_of(applications_.row_count(), "group", "groups")
                               : count_of(processes_.row_count(), "process", "processes");
    if (count_.get_text().raw() != text) {
        count_.set_text(text);
    }
}

}  // namespace vitalsd::monitor
