// SPDX-License-Identifier: MIT
#pragma once

#include <giomm/simpleaction.h>
#include <gtkmm/applicationwindow.h>
#include <gtkmm/box.h>
#include <gtkmm/button.h>
#include <gtkmm/flowbox.h>
#include <gtkmm/headerbar.h>
#include <gtkmm/label.h>
#include <gtkmm/revealer.h>
#include <gtkmm/scrolledwindow.h>
#include <gtkmm/stack.h>
#include <gtkmm/stackswitcher.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bus_event_source.hpp"
#include "graph_card.hpp"
#include "processes_page.hpp"
#include "sensor_directory.hpp"
#include "service_link.hpp"

namespace vitalsd::monitor {

struct MonitorOptions {
    std::uint32_t interval_ms = 1000;
    /// Where to write the widget tree after each frame that showed something new (tests).
    std::string dump_widgets_path;
};

/// The monitor's window: graphs of CPU (total and per core), memory and swap, network, disks
/// and temperatures with their current values, the pressure while some task waits, and the
/// process table or the processes grouped by
/// application. Its actions, which GTK also exports on the session bus: "page" (the page shown,
/// "resources" or "processes") and "group-by-application" (a boolean). It keeps a subscription
/// only while it is shown: minimized, hidden or closed, it unsubscribes, and when it comes back
/// it fills the gap from the service's history before subscribing again.
class VitalsWindow : public Gtk::ApplicationWindow {
public:
    /// Talks to the service over the connection, which must outlive the window.
    VitalsWindow(sdbus::IConnection& connection, const MonitorOptions& options);
    ~VitalsWindow() override;

private:
    struct CoreGraph {
        Gtk::Label* value = nullptr;
        GraphView* graph = nullptr;
    };

    // The constructor's steps, in the order it takes them.
    void set_up_window();
    void load_style();
    void build_header();
    void build_notice();
    void build_pages();
    void add_actions();
    void build_resources_page();
    void connect_service_link();
    void follow_visibility_changes();

    void on_sensors(const vitalsd::SensorDirectory& directory);
    void on_history(const std::vector<std::uint64_t>& timestamps,
                    const ServiceLink::History& series);
    void on_update(std::uint64_t timestamp_usec, const std::map<std::string, double>& values);
    void add_point(const std::string& id, std::uint64_t time_usec, double value,
                   TimeSeries::Origin origin);
    void route(const std::string& id, GraphView& graph, const Gdk::RGBA& color);
    void add_core(const std::string& id);
    void arrange_cards(const std::vector<GraphCard*>& shown);
    void show_values();
    void show_cpu_values();
    void show_memory_values();
    void show_transfer_values();
    void show_temperature_values();
    void show_pressure();
    /// The newest value of a sensor, NaN before the first.
    double latest(const std::string& id) const;
    /// The newest value of a sensor for people, with its unit.
    std::string human_latest(const std::string& id, const char* unit) const;
    void show_status();
    void watch_surface();
    void follow_visibility();
    // Refreshes the list the Processes page shows, if it is on screen, when the last refresh of
    // that list is older than now_usec less the refresh interval.
    void refresh_list_if_shown(std::uint64_t now_usec);
    void mark_changed();
    void write_dump();
    std::uint64_t history_since() const;

    const MonitorOptions options_;
    ServiceLink link_;
    BusEventSource bus_source_;

    Gtk::HeaderBar header_;
    Gtk::StackSwitcher switcher_;
    Gtk::Label status_line_;
    Gtk::Box layout_;
    Gtk::Revealer notice_revealer_;
    Gtk::Box notice_box_;
    Gtk::Label notice_label_;
    Gtk::Button notice_dismiss_;
    Gtk::Stack stack_;
    Gtk::ScrolledWindow resources_scroller_;
    Gtk::Box resources_;
    GraphCard cpu_card_;
    Gtk::FlowBox cores_;
    Gtk::Box cards_;  // rows of two cards; one card alone takes the whole row
    Gtk::Box card_rows_[2];
    GraphCard memory_card_;
    GraphCard network_card_;
    GraphCard disk_card_;
    GraphCard temperature_card_;
    Gtk::Box pressure_card_;  // one line, shown only while some task waits
    Gtk::Label pressure_title_;
    Gtk::Label pressure_values_;
    std::string pressure_markup_;
    ProcessesPage processes_page_;
    Glib::RefPtr<Gio::SimpleAction> page_action_;
    Glib::RefPtr<Gio::SimpleAction> grouping_action_;

    std::optional<vitalsd::SensorDirectory> directory_;
    std::unordered_map<std::string, std::vector<TimeSeries*>> routes_;  // sensor → its lines
    std::map<std::string, CoreGraph> cores_by_id_;
    std::vector<GraphView*> graphs_;
    std::vector<GraphCard*> arranged_;
    std::map<std::string, double> latest_;
    std::uint64_t newest_usec_ = 0;
    std::uint64_t processes_at_usec_ = 0;
    std::uint64_t applications_at_usec_ = 0;
    bool processes_asked_ = false;
    std::string dismissed_notice_;
    bool dump_due_ = false;
    std::vector<sigc::connection> surface_watches_;
};

}  // namespace vitalsd::monitor
