// SPDX-License-Identifier: MIT
// vitals-monitor: live graphs of the desktop's vitals from vitalsd, in a GTK 4 window.
#include <glibmm/init.h>
#include <glibmm/optioncontext.h>
#include <glibmm/optiongroup.h>
#include <gtkmm/application.h>

#include <charconv>
#include <clocale>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "config.h"
#include "vitals_window.hpp"

namespace {

// The exit status of a command line the monitor refuses.
constexpr int kBadCommandLine = 2;

constexpr const char* kSummary =
    "Live graphs of CPU, memory, network, disks and temperatures, and the process table,\n"
    "from the vitalsd service on the session bus (started on demand).";

// Returns the interval in milliseconds that text gives: digits only, above zero.
std::optional<std::uint32_t> parse_interval(std::string_view text) {
    std::uint32_t ms = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (error != std::errc() || end != text.data() + text.size() || ms == 0) {
        return std::nullopt;
    }
    return ms;
}

// Says why the command line is refused, then the help, on standard error.
int refuse(const Glib::OptionContext& context, const std::string& why) {
    // GLib's own messages are UTF-8; g_printerr writes them in the terminal's character set.
    g_printerr("vitals-monitor: %s\n%s", why.c_str(), context.get_help().c_str());
    return kBadCommandLine;
}

Glib::OptionEntry option(const char* long_name, char short_name, const char* description,
                         const char* arg_description = "") {
    Glib::OptionEntry entry;
    entry.set_long_name(long_name);
    entry.set_short_name(short_name);
    entry.set_description(description);
    entry.set_arg_description(arg_description);
    return entry;
}

// Reads the command line into options with GLib's option parser, which answers --help itself.
// Returns the status to exit with when the program ends here (--version, or a command line it
// refuses, with a message), none to go on.
std::optional<int> read_command_line(int argc, char** argv,
                                     vitalsd::monitor::MonitorOptions& options) {
    Glib::OptionGroup group("vitals-monitor", "vitals-monitor options");
    std::optional<std::string> interval;
    group.add_entry(option("interval", 'i', "Refresh every MS milliseconds (default 1000)", "MS"),
                    [&](const Glib::ustring&, const Glib::ustring& value, bool) {
                        interval = value.raw();
                        return true;
                    });
    bool version = false;
    group.add_entry(option("version", '\0', "Show the version"), version);
    // A test hook, hidden from --help and off unless given: the window writes its widget tree
    // to FILE after each frame that showed something new (widget_dump.hpp). It stays because
    // tests/gui/monitor_window_test.cpp needs what a screenshot of the real window cannot tell
    // reliably: the labels' exact text, how many points each graph took from history and from
    // updates, and each widget's state (visible, mapped, where, the table's row count).
    auto dump_widgets = option("dump-widgets", '\0', "", "FILE");
    dump_widgets.set_flags(Glib::OptionEntry::Flags::HIDDEN);
    group.add_entry_filename(dump_widgets, options.dump_widgets_path);

    Glib::OptionContext context;
    context.set_summary(kSummary);
    context.set_main_group(group);
    try {
        context.parse(argc, argv);
    } catch (const Glib::Error& e) {
        return refuse(context, e.what());
    }
    if (argc > 1) {
        return refuse(context, std::string("unknown argument '") + argv[1] + "'");
    }
    if (version) {
        std::printf("vitals-monitor %s\n", VITALSD_VERSION);
        return 0;
    }
    if (interval) {
        const auto ms = parse_interval(*interval);
        if (!ms) {
            std::fprintf(stderr, "vitals-monitor: bad interval '%s'\n", interval->c_str());
            return kBadCommandLine;
        }
        options.interval_ms = *ms;
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    // The user's language and character set for GLib's messages and help, as GTK would set.
    std::setlocale(LC_ALL, "");
    Glib::init();
    vitalsd::monitor::MonitorOptions options;
    if (const auto status = read_command_line(argc, argv, options)) {
        return *status;
    }

    std::unique_ptr<sdbus::IConnection> connection;
    try {
        connection = sdbus::createSessionBusConnection();
    } catch (const sdbus::Error& e) {
        std::fprintf(stderr, "vitals-monitor: cannot connect to the session bus: %s\n",
                     e.getMessage().c_str());
        return 1;
    }

    // One window per desktop: starting the monitor again brings the running one forward.
    auto app = Gtk::Application::create("io.github.vitalsd.Monitor");
    std::unique_ptr<vitalsd::monitor::VitalsWindow> window;
    // GtkWindow's own close action, under the keys every desktop application answers to; the
    // pages under Alt and their number, as tabs are.
    app->signal_startup().connect([&] {
        app->set_accels_for_action("window.close", {"<Control>w", "<Control>q"});
        app->set_accels_for_action("win.page('resources')", {"<Alt>1"});
        app->set_accels_for_action("win.page('processes')", {"<Alt>2"});
    });
    app->signal_activate().connect([&] {
        if (!window) {
            window = std::make_unique<vitalsd::monitor::VitalsWindow>(*connection, options);
            app->add_window(*window);
        }
        window->present();
    });
    // The options are read; the application sees only the program name.
    const int status = app->run(1, argv);
    window.reset();
    return status;
}
