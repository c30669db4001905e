// SPDX-License-Identifier: MIT
#include "vitals_window.hpp"

#include <gdkmm/display.h>
#include <gdkmm/frameclock.h>
#include <gdkmm/surface.h>
#include <gdkmm/toplevel.h>
#include <glibmm/markup.h>
#include <gtkmm/cssprovider.h>
#include <gtkmm/stylecontext.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "clock_now.hpp"
#include "pressure_line.hpp"
#include "value_format.hpp"
#include "widget_dump.hpp"

namespace vitalsd::monitor {
namespace {

// What the window subscribes to. Patterns, so that sensor families a service does not serve
// (no network or disk collector, no thermal sensors) select nothing instead of failing, and
// devices that come later show up by themselves.
const std::vector<std::string> kSensors = {
    "cpu/*/usage",   "load/*",     "memory/physical/*", "memory/swap/*",
    "network/all/*", "disk/all/*", "temperature/*/*",   kPressurePattern,
};

constexpr std::uint64_t kSpanUsec = 5 * 60 * 1'000'000ull;
// The process table costs the service a row of work per process: refresh it every few seconds,
// and only while it is on screen.
constexpr std::uint64_t kProcessRefreshUsec = 2'000'000;

// GNOME's palette: readable on light and dark themes alike.
const Gdk::RGBA kBlue("#3584e4");
const Gdk::RGBA kPurple("#9141ac");
const Gdk::RGBA kOrange("#e66100");
const Gdk::RGBA kGreen("#26a269");
const Gdk::RGBA kRed("#e01b24");
const Gdk::RGBA kGrey("#77767b");
const std::vector<Gdk::RGBA> kTemperatureColors = {
    Gdk::RGBA("#e01b24"), Gdk::RGBA("#ff7800"), Gdk::RGBA("#f5c211"), Gdk::RGBA("#26a269"),
    Gdk::RGBA("#1c71d8"), Gdk::RGBA("#9141ac"), Gdk::RGBA("#986a44"), Gdk::RGBA("#5e5c64"),
};

constexpr const char* kStyle = R"css(
.vitals-card {
    background-color: @theme_base_color;
    border: 1px solid alpha(@borders, 0.6);
    border-radius: 12px;
    padding: 12px 14px;
}
.card-title { font-weight: bold; font-size: 1.08em; }
.legend { font-size: 0.92em; }
.core { padding: 2px; }
.core-name { font-size: 0.85em; opacity: 0.75; }
.core-value { font-size: 0.85em; }
.status-line { font-size: 0.9em; opacity: 0.7; }
.notice { background-color: alpha(@warning_color, 0.18); padding: 6px 12px; }
.numeric { font-feature-settings: "tnum"; }
)css";

GraphView::Look look(GraphView::Scale scale, std::string unit, double floor, bool compact,
                     std::uint32_t interval_ms) {
    // History holds one sample a second at most; points further apart than a few intervals mean
    // that nobody sampled in between, and the line breaks there.
    const std::uint64_t step_usec = std::max<std::uint64_t>(interval_ms, 1000) * 1000;
    return {scale, std::move(unit), floor, kSpanUsec, 3 * step_usec, compact};
}

// "cpu/cpu3/usage" → "cpu3".
std::string middle_segment(const std::string& id) {
    const auto first = id.find('/');
    const auto last = id.rfind('/');
    return first == last ? id : id.substr(first + 1, last - first - 1);
}

std::string label_of(const vitalsd::SensorDirectory& directory, const std::string& id) {
    for (const auto& entry : directory.entries()) {
        if (entry.id == id) {
            return entry.label.empty() ? id : entry.label;
        }
    }
    return id;
}

}  // namespace

VitalsWindow::VitalsWindow(sdbus::IConnection& connection, const MonitorOptions& options)
    : options_(options),
      link_(connection, kSensors, options.interval_ms),
      bus_source_(connection, [this](const std::string& why) { link_.bus_failed(why); }),
      layout_(Gtk::Orientation::VERTICAL),
      notice_box_(Gtk::Orientation::HORIZONTAL, 12),
      resources_(Gtk::Orientation::VERTICAL, 12),
      cpu_card_("cpu", "CPU",
                look(GraphView::Scale::Percent, "%", 100, false, options.interval_ms)),
      cards_(Gtk::Orientation::VERTICAL, 12),
      memory_card_("memory", "Memory",
                   look(GraphView::Scale::Percent, "%", 100, false, options.interval_ms)),
      network_card_(
          "network", "Network",
          look(GraphView::Scale::Automatic, "B/s", 10 * 1024, false, options.interval_ms)),
      disk_card_("disk", "Disks",
                 look(GraphView::Scale::Automatic, "B/s", 10 * 1024, false, options.interval_ms)),
      temperature_card_("temperature", "Temperatures",
                        look(GraphView::Scale::Automatic, "°C", 50, false, options.interval_ms)),
      pressure_card_(Gtk::Orientation::HORIZONTAL, 18),
      pressure_title_("Pressure"),
      processes_page_("win.group-by-application") {
    set_up_window();
    build_header();
    build_notice();
    build_pages();
    add_actions();
    connect_service_link();
    follow_visibility_changes();
}

VitalsWindow::~VitalsWindow() {
    for (auto& watch : surface_watches_) {
        watch.disconnect();
    }
}

void VitalsWindow::set_up_window() {
    set_title("Vitals");
    set_name("vitals-window");
    set_icon_name("io.github.vitalsd.Monitor");
    set_default_size(1040, 760);
    load_style();
}

void VitalsWindow::build_header() {
    status_line_.set_name("status-line");
    status_line_.add_css_class("status-line");
    header_.pack_start(status_line_);
    switcher_.set_stack(stack_);
    header_.set_title_widget(switcher_);
    set_titlebar(header_);
}

void VitalsWindow::build_notice() {
    notice_label_.set_name("service-notice");
    notice_label_.set_wrap(true);
    notice_label_.set_xalign(0);
    notice_label_.set_hexpand(true);
    notice_dismiss_.set_icon_name("window-close-symbolic");
    notice_dismiss_.add_css_class("flat");
    notice_dismiss_.set_tooltip_text("Dismiss");
    notice_dismiss_.signal_clicked().connect([this] {
        dismissed_notice_ = link_.status().notice;
        show_status();
    });
    notice_box_.add_css_class("notice");
    notice_box_.append(notice_label_);
    notice_box_.append(notice_dismiss_);
    notice_revealer_.set_child(notice_box_);
    layout_.append(notice_revealer_);
}

void VitalsWindow::build_pages() {
    build_resources_page();
    stack_.add(resources_scroller_, "resources", "Resources");
    stack_.add(processes_page_, "processes", "Processes");
    stack_.set_vexpand(true);
    stack_.property_visible_child_name().signal_changed().connect([this] {
        if (page_action_) {
            page_action_->set_state(
                Glib::Variant<Glib::ustring>::create(stack_.get_visible_child_name()));
        }
        refresh_list_if_shown(newest_usec_ + kProcessRefreshUsec);
        mark_changed();
    });
    layout_.append(stack_);
    set_child(layout_);
}

// Each turns something a person can do with the mouse into an action, for the keyboard (the
// application's accelerators) and for whoever drives the window over the bus.
void VitalsWindow::add_actions() {
    page_action_ = Gio::SimpleAction::create_radio_string("page", "resources");
    page_action_->signal_change_state().connect([this](const Glib::VariantBase& value) {
        const auto page =
            Glib::VariantBase::cast_dynamic<Glib::Variant<Glib::ustring>>(value).get();
        if (stack_.get_child_by_name(page) != nullptr) {
            stack_.set_visible_child(page);  // which sets the action's state
        }
    });
    add_action(page_action_);

    grouping_action_ = Gio::SimpleAction::create_bool("group-by-application", false);
    grouping_action_->signal_change_state().connect([this](const Glib::VariantBase& value) {
        const bool grouped = Glib::VariantBase::cast_dynamic<Glib::Variant<bool>>(value).get();
        grouping_action_->set_state(value);
        processes_page_.show_grouped(grouped);
        refresh_list_if_shown(newest_usec_ + kProcessRefreshUsec);
        mark_changed();
    });
    add_action(grouping_action_);
}

void VitalsWindow::connect_service_link() {
    link_.history_since = [this] { return history_since(); };
    link_.on_sensors = [this](const vitalsd::SensorDirectory& d) { on_sensors(d); };
    link_.on_history = [this](const auto& timestamps, const auto& series) {
        on_history(timestamps, series);
    };
    link_.on_update = [this](std::uint64_t t, const auto& values) { on_update(t, values); };
    link_.on_processes = [this](std::vector<vitalsd::ProcessRow> rows) {
        processes_page_.show_processes(rows);
        mark_changed();
    };
    link_.on_applications = [this](std::vector<vitalsd::ApplicationRow> rows) {
        processes_page_.show_applications(rows);
        mark_changed();
    };
    link_.on_status_changed = [this] { show_status(); };
    show_status();
}

// Subscribed only while the window can be seen: the service samples for nobody otherwise.
void VitalsWindow::follow_visibility_changes() {
    signal_map().connect([this] { follow_visibility(); });
    signal_unmap().connect([this] { follow_visibility(); });
    signal_realize().connect([this] { watch_surface(); });
    signal_close_request().connect(
        [this] {
            link_.pause();
            return false;
        },
        false);
}

void VitalsWindow::load_style() {
    auto provider = Gtk::CssProvider::create();
    provider->load_from_data(kStyle);
    Gtk::StyleContext::add_provider_for_display(get_display(), provider,
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

void VitalsWindow::build_resources_page() {
    cpu_card_.graph().line("cpu/all/usage", kBlue);
    route("cpu/all/usage", cpu_card_.graph(), kBlue);
    cores_.set_name("cpu-cores");
    cores_.set_selection_mode(Gtk::SelectionMode::NONE);
    cores_.set_homogeneous(true);
    cores_.set_min_children_per_line(2);
    cores_.set_max_children_per_line(16);
    cores_.set_column_spacing(8);
    cores_.set_row_spacing(4);
    cpu_card_.append(cores_);

    route("memory/physical/usedPercent", memory_card_.graph(), kPurple);
    route("memory/swap/usedPercent", memory_card_.graph(), kOrange);
    route("network/all/download", network_card_.graph(), kGreen);
    route("network/all/upload", network_card_.graph(), kRed);
    route("disk/all/read", disk_card_.graph(), kBlue);
    route("disk/all/write", disk_card_.graph(), kOrange);

    cards_.set_name("cards");
    for (auto& row : card_rows_) {
        row.set_homogeneous(true);
        row.set_spacing(12);
        cards_.append(row);
    }
    // Until the service says which sensors it has.
    arrange_cards({&memory_card_});

    // Last, so that it coming and going moves no other card.
    pressure_card_.set_name("pressure-card");
    pressure_card_.add_css_class("vitals-card");
    pressure_card_.set_tooltip_text(
        "The share of time in which some task waited for the CPU, for memory or for I/O");
    pressure_title_.add_css_class("card-title");
    pressure_values_.set_name("pressure-values");
    pressure_values_.add_css_class("legend");
    pressure_values_.add_css_class("numeric");
    pressure_values_.set_hexpand(true);
    pressure_values_.set_halign(Gtk::Align::END);
    pressure_card_.append(pressure_title_);
    pressure_card_.append(pressure_values_);
    pressure_card_.set_visible(false);

    resources_.set_margin(14);
    resources_.append(cpu_card_);
    resources_.append(cards_);
    resources_.append(pressure_card_);
    resources_scroller_.set_child(resources_);
    resources_scroller_.set_policy(Gtk::PolicyType::NEVER, Gtk::PolicyType::AUTOMATIC);
    resources_scroller_.set_name("resources");
    for (GraphCard* card :
         {&cpu_card_, &memory_card_, &network_card_, &disk_card_, &temperature_card_}) {
        graphs_.push_back(&card->graph());
    }
}

void VitalsWindow::route(const std::string& id, GraphView& graph, const Gdk::RGBA& color) {
    routes_[id].push_back(&graph.line(id, color));
}

void VitalsWindow::add_core(const std::string& id) {
    const auto cpu = middle_segment(id);  // "cpu3"
    auto* box = Gtk::make_managed<Gtk::Box>(Gtk::Orientation::VERTICAL, 2);
    box->set_name("cpu-" + cpu);
    box->add_css_class("core");
    auto* header = Gtk::make_managed<Gtk::Box>(Gtk::Orientation::HORIZONTAL, 4);
    auto* name = Gtk::make_managed<Gtk::Label>("CPU " + cpu.substr(3));
    name->add_css_class("core-name");
    name->set_xalign(0);
    name->set_hexpand(true);
    auto* value = Gtk::make_managed<Gtk::Label>();
    value->set_name("cpu-" + cpu + "-value");
    value->add_css_class("core-value");
    value->add_css_class("numeric");
    header->append(*name);
    header->append(*value);
    auto* graph = Gtk::make_managed<GraphView>(
        "cpu-" + cpu + "-graph", "CPU " + cpu.substr(3) + " usage",
        look(GraphView::Scale::Percent, "%", 100, true, options_.interval_ms));
    box->append(*header);
    box->append(*graph);
    cores_.append(*box);
    box->get_parent()->set_focusable(false);  // the flow box's own child, around the box
    route(id, *graph, kBlue);
    graphs_.push_back(graph);
    cores_by_id_[id] = {value, graph};
}

void VitalsWindow::arrange_cards(const std::vector<GraphCard*>& shown) {
    if (shown == arranged_) {
        return;
    }
    arranged_ = shown;
    for (GraphCard* card : {&memory_card_, &network_card_, &disk_card_, &temperature_card_}) {
        if (auto* row = dynamic_cast<Gtk::Box*>(card->get_parent())) {
            row->remove(*card);
        }
    }
    for (std::size_t i = 0; i < shown.size(); ++i) {
        card_rows_[i / 2].append(*shown[i]);
    }
    card_rows_[0].set_visible(!shown.empty());
    card_rows_[1].set_visible(shown.size() > 2);
}

void VitalsWindow::on_sensors(const vitalsd::SensorDirectory& directory) {
    directory_ = directory;
    const auto has = [&](const char* pattern) { return !directory.matching({pattern}).empty(); };
    for (const auto& entry : directory.matching({"cpu/*/usage"})) {
        if (entry.id != "cpu/all/usage" && !cores_by_id_.contains(entry.id)) {
            add_core(entry.id);
        }
    }
    std::size_t color = 0;
    for (const auto& entry : directory.matching({"temperature/*/*"})) {
        if (!routes_.contains(entry.id)) {
            route(entry.id, temperature_card_.graph(),
                  kTemperatureColors[color % kTemperatureColors.size()]);
        }
        ++color;
    }
    std::vector<GraphCard*> shown = {&memory_card_};
    if (has("network/all/download")) {
        shown.push_back(&network_card_);
    }
    if (has("disk/all/read")) {
        shown.push_back(&disk_card_);
    }
    if (has("temperature/*/*")) {
        shown.push_back(&temperature_card_);
    }
    arrange_cards(shown);
    // As many small graphs a line as fit, up to eight, each as wide as the line allows.
    cores_.set_max_children_per_line(std::clamp<unsigned>(cores_by_id_.size(), 1, 8));
    mark_changed();
}

void VitalsWindow::add_point(const std::string& id, std::uint64_t time_usec, double value,
                             TimeSeries::Origin origin) {
    const auto found = routes_.find(id);
    if (found == routes_.end()) {
        return;
    }
    for (auto* series : found->second) {
        series->add(time_usec, value, origin);
    }
}

void VitalsWindow::on_history(const std::vector<std::uint64_t>& timestamps,
                              const ServiceLink::History& series) {
    if (timestamps.empty()) {
        return;
    }
    for (const auto& [id, values] : series) {
        for (std::size_t i = 0; i < timestamps.size() && i < values.size(); ++i) {
            add_point(id, timestamps[i], values[i], TimeSeries::Origin::History);
            if (!std::isnan(values[i])) {
                latest_[id] = values[i];
            }
        }
    }
    newest_usec_ = std::max(newest_usec_, timestamps.back());
    show_values();
}

void VitalsWindow::on_update(std::uint64_t timestamp_usec,
                             const std::map<std::string, double>& values) {
    for (const auto& [id, value] : values) {
        add_point(id, timestamp_usec, value, TimeSeries::Origin::Live);
        latest_[id] = value;
    }
    newest_usec_ = std::max(newest_usec_, timestamp_usec);
    show_values();
    // Filled once at the start, so that the table is ready when someone turns to it.
    if (!processes_asked_) {
        processes_asked_ = true;
        link_.refresh_processes();
        processes_at_usec_ = timestamp_usec;
    }
    refresh_list_if_shown(timestamp_usec);
}

void VitalsWindow::show_values() {
    show_cpu_values();
    show_memory_values();
    show_transfer_values();
    show_temperature_values();
    show_pressure();
    for (auto* graph : graphs_) {
        graph->show_until(newest_usec_);
    }
    mark_changed();
}

double VitalsWindow::latest(const std::string& id) const {
    const auto found = latest_.find(id);
    return found == latest_.end() ? NAN : found->second;
}

std::string VitalsWindow::human_latest(const std::string& id, const char* unit) const {
    return vitalsd::human_value(latest(id), unit);
}

void VitalsWindow::show_cpu_values() {
    cpu_card_.set_entry("total", kBlue, "Total", human_latest("cpu/all/usage", "%"));
    if (latest_.contains("load/1")) {
        char load[64];
        std::snprintf(load, sizeof load, "%.2f  %.2f  %.2f", latest("load/1"), latest("load/5"),
                      latest("load/15"));
        cpu_card_.set_entry("load", kGrey, "Load", load);
    }
    for (auto& [id, core] : cores_by_id_) {
        const auto text = human_latest(id, "%");
        if (core.value->get_text().raw() != text) {
            core.value->set_text(text);
        }
    }
}

void VitalsWindow::show_memory_values() {
    const auto of_total = [&](const std::string& used, const std::string& total) {
        return human_latest(used, "B") + " of " + human_latest(total, "B");
    };
    memory_card_.set_entry("physical", kPurple, "Memory",
                           of_total("memory/physical/used", "memory/physical/total"));
    memory_card_.set_entry("swap", kOrange, "Swap",
                           latest("memory/swap/total") > 0
                               ? of_total("memory/swap/used", "memory/swap/total")
                               : std::string("none"));
}

void VitalsWindow::show_transfer_values() {
    if (latest_.contains("network/all/download")) {
        network_card_.set_entry("download", kGreen, "Down",
                                human_latest("network/all/download", "B/s"));
        network_card_.set_entry("upload", kRed, "Up", human_latest("network/all/upload", "B/s"));
    }
    if (latest_.contains("disk/all/read")) {
        disk_card_.set_entry("read", kBlue, "Read", human_latest("disk/all/read", "B/s"));
        disk_card_.set_entry("write", kOrange, "Write", human_latest("disk/all/write", "B/s"));
    }
}

void VitalsWindow::show_temperature_values() {
    if (!directory_) {
        return;
    }
    std::size_t color = 0;
    for (const auto& entry : directory_->matching({"temperature/*/*"})) {
        if (latest_.contains(entry.id)) {
            auto key = entry.id.substr(entry.id.find('/') + 1);
            std::replace(key.begin(), key.end(), '/', '-');
            temperature_card_.set_entry(key, kTemperatureColors[color % kTemperatureColors.size()],
                                        label_of(*directory_, entry.id),
                                        human_latest(entry.id, "°C"));
        }
        ++color;
    }
}

void VitalsWindow::show_pressure() {
    const auto line = pressure_line(latest_);
    // As the cards' legends: the caption, then the value in bold.
    std::string markup;
    for (const auto& share : line) {
        markup += (markup.empty() ? "" : "  ·  ") + Glib::Markup::escape_text(share.caption) +
                  " <b>" + Glib::Markup::escape_text(share.value) + "</b>";
    }
    if (markup != pressure_markup_) {
        pressure_markup_ = markup;
        pressure_values_.set_markup(markup);
    }
    pressure_card_.set_visible(!line.empty());
}

void VitalsWindow::show_status() {
    const auto& status = link_.status();
    std::string line;
    switch (status.state) {
        case LinkStatus::State::Connecting:
            line = "Connecting to vitalsd…";
            break;
        case LinkStatus::State::Live: {
            const auto interval = vitalsd::human_value(link_.interval_ms() / 1000.0, "s");
            line = "vitalsd " + status.version + " · pid " + std::to_string(status.pid) +
                   " · every " + interval;
            break;
        }
        case LinkStatus::State::Paused:
            line = "Paused while hidden";
            break;
        case LinkStatus::State::Failed:
        case LinkStatus::State::Refused:
        case LinkStatus::State::BusGone:
            line = "Not connected";
            break;
    }
    if (status_line_.get_text().raw() != line) {
        status_line_.set_text(line);
    }
    const bool show_notice = !status.notice.empty() && status.notice != dismissed_notice_;
    if (show_notice && notice_label_.get_text().raw() != status.notice) {
        notice_label_.set_text(status.notice);
    }
    notice_revealer_.set_reveal_child(show_notice);
    mark_changed();
}

void VitalsWindow::watch_surface() {
    auto surface = get_surface();
    if (!surface) {
        return;
    }
    surface_watches_.push_back(
        surface->property_mapped().signal_changed().connect([this] { follow_visibility(); }));
    if (auto toplevel = std::dynamic_pointer_cast<Gdk::Toplevel>(surface)) {
        surface_watches_.push_back(
            toplevel->property_state().signal_changed().connect([this] { follow_visibility(); }));
    }
    if (!options_.dump_widgets_path.empty()) {
        // After the frame is painted, so that the tree written matches what is on screen.
        surface_watches_.push_back(get_frame_clock()->signal_paint().connect(
            [this] {
                if (dump_due_) {
                    dump_due_ = false;
                    write_dump();
                }
            },
            true));
    }
}

void VitalsWindow::follow_visibility() {
    auto surface = get_surface();
    bool shown = get_mapped() && surface && surface->get_mapped();
    if (auto toplevel = std::dynamic_pointer_cast<Gdk::Toplevel>(surface)) {
        shown = shown && (toplevel->get_state() & Gdk::Toplevel::State::MINIMIZED) !=
                             Gdk::Toplevel::State::MINIMIZED;
    }
    if (shown) {
        link_.resume();
    } else {
        link_.pause();
    }
}

void VitalsWindow::refresh_list_if_shown(std::uint64_t now_usec) {
    if (stack_.get_visible_child_name() != "processes" || !get_mapped()) {
        return;
    }
    // One schedule for both lists, each refreshed only while it is the one shown.
    auto& refreshed_at_usec =
        processes_page_.grouped() ? applications_at_usec_ : processes_at_usec_;
    if (now_usec >= refreshed_at_usec + kProcessRefreshUsec) {
        refreshed_at_usec = now_usec;
        if (processes_page_.grouped()) {
            link_.refresh_applications();
        } else {
            link_.refresh_processes();
        }
    }
}

std::uint64_t VitalsWindow::history_since() const {
    return newest_usec_ > 0 ? newest_usec_ : realtime_now_usec() - kSpanUsec;
}

void VitalsWindow::mark_changed() {
    dump_due_ = true;
}

void VitalsWindow::write_dump() {
    static constexpr const char* kStateNames[] = {"connecting", "live",    "paused",
                                                  "failed",     "refused", "bus-gone"};
    const auto& status = link_.status();
    std::string text = std::string("status state=") + kStateNames[static_cast<int>(status.state)] +
                       " pid=" + std::to_string(status.pid) + "\n";
    text += describe_widget_tree(*this);
    const std::string temporary = options_.dump_widgets_path + ".new";
    {
        std::ofstream out(temporary);
        out << text;
    }
    // Renamed into place, so that a reader never sees half a tree.
    std::error_code ignored;
    std::filesystem::rename(temporary, options_.dump_widgets_path, ignored);
}

}  // namespace vitalsd::monitor
