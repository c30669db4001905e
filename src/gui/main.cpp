// SPDX-License-Identifier: MIT
// vitals-monitor: live graphs of the desktop's vitals from vitalsd, in a GTK 4 window.
#include <gtkmm/application.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

#include "config.h"
#include "vitals_window.hpp"

namespace {

constexpr const char* kUsage =
    "Usage: vitals-monitor [--interval=MS]\n"
    "\n"
    "Live graphs of CPU, memory, network, disks and temperatures, and the process table,\n"
    "from the vitalsd service on the session bus (started on demand).\n"
    "\n"
    "  -i, --interval=MS   refresh every MS milliseconds (default 1000)\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n";

// Returns the value of "--name=value" or of "-x value" (advancing i), none when arg is not it.
std::optional<std::string_view> option_value(std::string_view arg, std::string_view long_name,
                                             std::string_view short_name, int& i, int argc,
                                             char** argv) {
    if (arg.starts_with(long_name) && arg.size() > long_name.size() &&
        arg[long_name.size()] == '=') {
        return arg.substr(long_name.size() + 1);
    }
    if ((arg == long_name || (!short_name.empty() && arg == short_name)) && i + 1 < argc) {
        return std::string_view(argv[++i]);
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    vitalsd::monitor::MonitorOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (arg == "--version") {
            std::printf("vitals-monitor %s\n", VITALSD_VERSION);
            return 0;
        }
        if (const auto value = option_value(arg, "--interval", "-i", i, argc, argv)) {
            unsigned ms = 0;
            const auto [end, error] =
                std::from_chars(value->data(), value->data() + value->size(), ms);
            if (error != std::errc() || end != value->data() + value->size() || ms == 0) {
                std::fprintf(stderr, "vitals-monitor: bad interval '%.*s'\n",
                             static_cast<int>(value->size()), value->data());
                return 2;
            }
            options.interval_ms = ms;
        } else if (const auto path = option_value(arg, "--dump-widgets", "", i, argc, argv)) {
            // Not in --help: for tests, which check the real window through it.
            options.dump_widgets_path = std::string(*path);
        } else {
            std::fprintf(stderr, "vitals-monitor: unknown argument '%s'\n%s", argv[i], kUsage);
            return 2;
        }
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
    // GtkWindow's own close action, under the keys every desktop application answers to.
    app->signal_startup().connect([&] {
        app->set_accels_for_action("window.close", {"<Control>w", "<Control>q"});
    });
    app->signal_activate().connect([&] {
        if (!window) {
            window = std::make_unique<vitalsd::monitor::VitalsWindow>(*connection, options);
            app->add_window(*window);
        }
        window->present();
    });
    // GTK's own options are not ours to parse; the application sees only the program name.
    const int status = app->run(1, argv);
    window.reset();
    return status;
}
