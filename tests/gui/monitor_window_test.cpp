// SPDX-License-Identifier: MIT
// vitals-monitor's real window on a virtual X display, against the real service on a private bus
// with the basic fixture: what it draws, what it says, and when it holds a subscription.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "fixture_path.hpp"
#include "private_bus.hpp"
#include "temp_dir.hpp"
#include "virtual_display.hpp"

namespace vitalsd::test {
namespace {

constexpr const char* kTitle = "Vitals";

// What the dump says of one widget: the line holding name=<name>, parsed.
struct WidgetLine {
    std::string text;
    int x = 0, y = 0, w = 0, h = 0;
    bool visible = false, mapped = false;

    std::string field(const std::string& key) const {
        const std::regex pattern(" " + key + "=(\"[^\"]*\"|\\S+)");
        std::smatch match;
        if (!std::regex_search(text, match, pattern)) {
            return "";
        }
        std::string value = match[1];
        return value.size() >= 2 && value.front() == '"' ? value.substr(1, value.size() - 2)
                                                         : value;
    }
};

std::optional<WidgetLine> find_widget(const std::string& dump, const std::string& name) {
    std::istringstream lines(dump);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find(" name=" + name + " ") == std::string::npos) {
            continue;
        }
        WidgetLine widget{line};
        widget.x = std::atoi(widget.field("x").c_str());
        widget.y = std::atoi(widget.field("y").c_str());
        widget.w = std::atoi(widget.field("w").c_str());
        widget.h = std::atoi(widget.field("h").c_str());
        widget.visible = widget.field("visible") == "1";
        widget.mapped = widget.field("mapped") == "1";
        return widget;
    }
    return std::nullopt;
}

// Returns a field of every widget with this name, in the tree's order: a column of a table.
std::vector<std::string> fields_of(const std::string& dump, const std::string& name,
                                   const std::string& key) {
    std::vector<std::string> fields;
    std::istringstream lines(dump);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find(" name=" + name + " ") != std::string::npos) {
            fields.push_back(WidgetLine{line}.field(key));
        }
    }
    return fields;
}

// Returns how many graph lines' points came from history and from updates: "id:history=3,live=2".
std::pair<int, int> points_of(const WidgetLine& graph, const std::string& id) {
    const std::regex pattern(id + ":history=(\\d+),live=(\\d+)");
    std::smatch match;
    const auto lines = graph.field("lines");
    if (!std::regex_search(lines, match, pattern)) {
        return {-1, -1};
    }
    return {std::stoi(match[1]), std::stoi(match[2])};
}

// How many of the region's pixels are near a colour (each channel within 40).
int pixels_near(const VirtualDisplay::Image& image, const WidgetLine& region, std::uint32_t rgb) {
    int count = 0;
    for (int y = std::max(region.y, 0); y < std::min(region.y + region.h, image.height); ++y) {
        for (int x = std::max(region.x, 0); x < std::min(region.x + region.w, image.width); ++x) {
            const auto pixel = image.at(x, y);
            bool near = true;
            for (int shift : {16, 8, 0}) {
                near = near && std::abs(static_cast<int>((pixel >> shift) & 0xff) -
                                        static_cast<int>((rgb >> shift) & 0xff)) <= 40;
            }
            count += near ? 1 : 0;
        }
    }
    return count;
}

// Returns the CPU time (user + system) a process used so far, in clock ticks.
long cpu_ticks(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(stat, text);
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    long ticks = 0;
    for (int i = 3; fields >> field; ++i) {
        if (i == 14 || i == 15) {
            ticks += std::stol(field);
        }
    }
    return ticks;
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

class AMonitorWindow : public ::testing::Test {
protected:
    AMonitorWindow() : AMonitorWindow({"--proc-root=" + fixture_path("basic") + "/proc"}) {}

    explicit AMonitorWindow(const std::vector<std::string>& service_args)
        : bus_(service_args), display_(1280, 900), dump_path_(bus_.directory() + "/widgets.txt") {}

    void start_monitor() {
        const std::string binary = env_or_fail("VITALS_MONITOR_BINARY");
        monitor_.emplace(
            std::vector<std::string>{binary, "--interval=500", "--dump-widgets=" + dump_path_},
            ChildOptions{
                .env = {{"DISPLAY", display_.name()},
                        {"DBUS_SESSION_BUS_ADDRESS", bus_.address()},
                        {"XDG_RUNTIME_DIR", bus_.directory()},
                        {"GDK_BACKEND", "x11"},
                        // Software rendering and no settings daemon or accessibility bus on the
                        // private bus.
                        {"GSK_RENDERER", "cairo"},
                        {"GSETTINGS_BACKEND", "memory"},
                        {"GTK_A11Y", "none"},
                        {"WAYLAND_DISPLAY", std::nullopt}},
                .out = ChildOptions::Stream::File,
                .err = ChildOptions::Stream::File,
                .file = bus_.directory() + "/monitor.log",
                .die_with_parent = true,
            });
        ASSERT_TRUE(
            eventually([&] { return (window_ = display_.find_window(kTitle)).has_value(); }, 20s))
            << "no window titled " << kTitle << "\n"
            << monitor_log();
    }

    // Starts the monitor and waits until it draws live data, the one client the observer sees.
    void start_monitor_subscribed(VitalsClient& observer) {
        ASSERT_NO_FATAL_FAILURE(start_monitor());
        ASSERT_TRUE(live(dump_when(live, 20s))) << dump() << monitor_log();
        ASSERT_TRUE(eventually([&] { return clients(observer) == 1; }, 5s));
    }

    std::string monitor_log() const {
        std::ifstream in(bus_.directory() + "/monitor.log");
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    std::string dump() const {
        std::ifstream in(dump_path_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    // Waits until the widget dump satisfies the predicate; returns that dump, or the last one.
    std::string dump_when(const std::function<bool(const std::string&)>& done,
                          std::chrono::milliseconds timeout) {
        std::string text;
        eventually(
            [&] {
                text = dump();
                return done(text);
            },
            timeout);
        return text;
    }

    // The window is drawn with live data: subscribed, and the memory graph has updates.
    static bool live(const std::string& dump) {
        const auto graph = find_widget(dump, "memory-graph");
        return dump.starts_with("status state=live") && graph &&
               points_of(*graph, "memory/physical/usedPercent").second >= 1;
    }

    std::uint32_t clients(VitalsClient& client) { return client.Clients(); }

    // Returns the monitor's exit code, none when it did not exit in time or was killed.
    std::optional<int> monitor_exit_code(std::chrono::milliseconds timeout) {
        const auto status = monitor_->wait(timeout);
        return status && WIFEXITED(*status) ? std::optional<int>(WEXITSTATUS(*status))
                                            : std::nullopt;
    }

    // The window's actions, which GTK exports on the session bus (org.gtk.Actions): what its
    // switches and keys do, without a pointer to click with.
    void activate_action(const std::string& name, std::vector<sdbus::Variant> parameter = {}) {
        window_actions()
            .callMethod("Activate")
            .onInterface("org.gtk.Actions")
            .withArguments(name, parameter, std::map<std::string, sdbus::Variant>{});
    }

    sdbus::IProxy& window_actions() {
        if (!actions_connection_) {
            actions_connection_ = bus_.connect();
            // The application's id, and its first window.
            actions_ = sdbus::createProxy(*actions_connection_, "io.github.vitalsd.Monitor",
                                          "/io/github/vitalsd/Monitor/window/1");
        }
        return *actions_;
    }

    // Waits until the Processes page shows one list ("processes" or "applications") with at
    // least one row, and no longer the other (they cross-fade); returns that dump.
    std::string dump_showing(const std::string& list, const std::string& other) {
        const auto shown = [&](const std::string& t) {
            const auto table = find_widget(t, list);
            const auto hidden = find_widget(t, other);
            return table && table->mapped && std::atoi(table->field("rows").c_str()) > 0 &&
                   hidden && !hidden->mapped;
        };
        return dump_when(shown, 10s);
    }

    PrivateBus bus_;
    VirtualDisplay display_;
    std::string dump_path_;
    std::optional<Child> monitor_;  // killed with the fixture if still running
    std::optional<XWindowId> window_;
    std::unique_ptr<sdbus::IConnection> actions_connection_;
    std::unique_ptr<sdbus::IProxy> actions_;
};

// A copy of the basic fixture's /proc, made before the bus that serves it, in which a test can
// make tasks wait.
struct ProcCopy {
    ProcCopy() {
        std::filesystem::copy(fixture_path("basic") + "/proc", proc.path(),
                              std::filesystem::copy_options::recursive |
                                  std::filesystem::copy_options::overwrite_existing);
    }

    // Rewrites pressure/cpu in place with a total stall time, in µs, of fixed width: one write of
    // as many bytes each time, so that the service never reads half a file.
    void set_cpu_stall(std::uint64_t total_usec) const {
        char text[160];
        const int length =
            std::snprintf(text, sizeof text,
                          "some avg10=0.00 avg60=0.00 avg300=0.00 total=%015llu\n"
                          "full avg10=0.00 avg60=0.00 avg300=0.00 total=000000000000000\n",
                          static_cast<unsigned long long>(total_usec));
        std::fstream out(proc.path() + "/pressure/cpu", std::ios::in | std::ios::out);
        out.write(text, length);
    }

    TempDir proc;
};

class AMonitorWindowOverAProcCopy : protected ProcCopy, public AMonitorWindow {
protected:
    AMonitorWindowOverAProcCopy() : AMonitorWindow({"--proc-root=" + proc.path()}) {}

    // Makes some task wait for the CPU a quarter of the time, from now until the end of the test.
    void make_tasks_wait() {
        writer_ = std::jthread([this](std::stop_token stop) {
            const auto start = std::chrono::steady_clock::now();
            while (!stop.stop_requested()) {
                const auto elapsed = std::chrono::steady_clock::now() - start;
                set_cpu_stall(
                    std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count() / 4);
                std::this_thread::sleep_for(20ms);
            }
        });
    }

    void stop_tasks_waiting() {
        writer_.request_stop();
        writer_.join();
    }

    std::jthread writer_;
};

// The service on this machine's own /proc and cgroups, for what the fixture has not: groups of
// processes.
class AMonitorWindowOnThisMachine : public AMonitorWindow {
protected:
    AMonitorWindowOnThisMachine() : AMonitorWindow(std::vector<std::string>{}) {}
};

TEST_F(AMonitorWindow, FillsItsGraphsFromHistoryThenDrawsLiveValues) {
    // Somebody sampled before the window opened: the service has a few seconds of history.
    VitalsClient earlier(bus_);
    earlier.Start(500, {});
    earlier.pump(2500ms);
    earlier.Stop();
    const auto [timestamps, series] = earlier.GetHistory({"memory/physical/usedPercent"}, 0);
    ASSERT_GE(timestamps.size(), 2u);

    ASSERT_NO_FATAL_FAILURE(start_monitor());
    const auto text = dump_when(live, 20s);
    ASSERT_TRUE(live(text)) << text << monitor_log();

    // The graphs start with everything the service recorded.
    const auto memory_graph = find_widget(text, "memory-graph");
    ASSERT_TRUE(memory_graph);
    EXPECT_GE(points_of(*memory_graph, "memory/physical/usedPercent").first,
              static_cast<int>(timestamps.size()));
    const auto cpu_graph = find_widget(text, "cpu-graph");
    ASSERT_TRUE(cpu_graph);
    EXPECT_GE(points_of(*cpu_graph, "cpu/all/usage").first, static_cast<int>(timestamps.size()));

    // Every graph and value the fixture has sensors for, on screen, with units.
    for (const char* name : {"cpu-card", "cpu-graph", "cpu-cpu0-graph", "cpu-cpu1-graph",
                             "memory-card", "memory-graph", "status-line"}) {
        const auto widget = find_widget(text, name);
        ASSERT_TRUE(widget) << name << " missing:\n" << text;
        EXPECT_TRUE(widget->mapped) << name;
        EXPECT_GT(widget->w, 0) << name;
        EXPECT_GT(widget->h, 0) << name;
    }
    EXPECT_EQ(find_widget(text, "cpu-total")->field("text"), "● Total  0.0 %");
    EXPECT_EQ(find_widget(text, "cpu-load")->field("text"), "● Load  0.49  0.22  0.07");
    EXPECT_EQ(find_widget(text, "cpu-cpu1-value")->field("text"), "0.0 %");
    EXPECT_EQ(find_widget(text, "memory-physical")->field("text"),
              "● Memory  318.4 MiB of 23.5 GiB");
    EXPECT_EQ(find_widget(text, "memory-swap")->field("text"), "● Swap  none");
    EXPECT_TRUE(
        find_widget(text, "status-line")->field("text").starts_with("vitalsd 0.1.0 · pid "));
    // The fixture's pressure never grows: nothing waits, and the page says nothing of it.
    EXPECT_FALSE(find_widget(text, "pressure-card")->visible);

    // The process table is filled once at the start, ready for when someone turns to it.
    const auto with_processes = dump_when(
        [](const std::string& t) {
            const auto table = find_widget(t, "processes");
            return table && table->field("rows") == "4";
        },
        10s);
    EXPECT_EQ(find_widget(with_processes, "processes")->field("rows"), "4") << with_processes;

    // The screenshot: the graphs are drawn, in their colours, where the dump says they are. A
    // second is one or two pixels of a five-minute graph: the lines grow until they show.
    VirtualDisplay::Image shot;
    eventually(
        [&] {
            shot = display_.capture(*window_);
            return pixels_near(shot, *cpu_graph, 0x3584e4) >= 4 &&
                   pixels_near(shot, *memory_graph, 0x9141ac) >= 4;
        },
        10s);
    save_png(shot, env_or_fail("VITALSD_TEST_DIR") + "/vitals-monitor-screenshot.png");
    EXPECT_GE(pixels_near(shot, *cpu_graph, 0x3584e4), 4) << "no CPU line in the CPU graph";
    EXPECT_GE(pixels_near(shot, *memory_graph, 0x9141ac), 4)
        << "no memory line in the memory graph";
    // Blank it is not: the graph's background, grid and scale differ from the card around it.
    EXPECT_GT(pixels_near(shot, *memory_graph, shot.at(memory_graph->x - 2, memory_graph->y + 10)),
              0);
    EXPECT_LT(pixels_near(shot, *memory_graph, shot.at(memory_graph->x - 2, memory_graph->y + 10)),
              memory_graph->w * memory_graph->h);
}

TEST_F(AMonitorWindow, UnsubscribesAndIdlesWhileHiddenAndSubscribesWhenShownAgain) {
    VitalsClient observer(bus_);
    ASSERT_NO_FATAL_FAILURE(start_monitor_subscribed(observer));

    // Minimized: no subscription, and nothing to do.
    display_.unmap(*window_);
    EXPECT_TRUE(eventually([&] { return clients(observer) == 0; }, 5s)) << monitor_log();
    std::this_thread::sleep_for(500ms);  // whatever was under way ends
    const long before = cpu_ticks(monitor_->pid());
    std::this_thread::sleep_for(2s);
    EXPECT_LE(cpu_ticks(monitor_->pid()) - before, 2) << "busy while hidden";

    display_.map(*window_);
    EXPECT_TRUE(eventually([&] { return clients(observer) == 1; }, 5s)) << monitor_log();
}

TEST_F(AMonitorWindow, SaysSoAndReconnectsWhenTheServiceDies) {
    VitalsClient observer(bus_);
    ASSERT_NO_FATAL_FAILURE(start_monitor_subscribed(observer));
    const pid_t first = bus_.service_pid();
    ASSERT_GT(first, 0);

    ::kill(first, SIGKILL);
    const auto said = [&](const std::string& text) {
        const auto notice = find_widget(text, "service-notice");
        return notice && notice->mapped &&
               notice->field("text").find("went away") != std::string::npos &&
               notice->field("text").find("started it again") != std::string::npos;
    };
    const auto text = dump_when(said, 20s);
    EXPECT_TRUE(said(text)) << text << monitor_log();
    EXPECT_NE(find_widget(text, "service-notice")->field("text").find(std::to_string(first)),
              std::string::npos);

    // A new instance, with the monitor subscribed to it and drawing again.
    EXPECT_TRUE(eventually(
        [&] {
            const pid_t now = bus_.service_pid();
            return now > 0 && now != first && clients(observer) == 1;
        },
        10s));
    const auto again = dump_when(
        [&](const std::string& t) {
            const auto line = find_widget(t, "status-line");
            return line && line->field("text").find("pid " + std::to_string(bus_.service_pid())) !=
                               std::string::npos;
        },
        10s);
    EXPECT_NE(find_widget(again, "status-line")
                  ->field("text")
                  .find("pid " + std::to_string(bus_.service_pid())),
              std::string::npos)
        << again;
}

TEST_F(AMonitorWindow, LeavesNoClientBehindWhenClosed) {
    VitalsClient observer(bus_);
    ASSERT_NO_FATAL_FAILURE(start_monitor_subscribed(observer));

    display_.request_close(*window_);
    EXPECT_EQ(monitor_exit_code(10s), std::optional<int>(0)) << monitor_log();
    EXPECT_TRUE(bus_.service_running());
    EXPECT_EQ(clients(observer), 0u);
}

TEST_F(AMonitorWindowOverAProcCopy, ShowsThePressureOnlyWhileSomeTaskWaits) {
    VitalsClient observer(bus_);
    ASSERT_NO_FATAL_FAILURE(start_monitor_subscribed(observer));
    set_cpu_stall(0);
    ASSERT_FALSE(find_widget(dump(), "pressure-card")->visible);

    make_tasks_wait();
    const std::regex waiting(R"(CPU (\d+\.\d) %  ·  Memory 0\.0 %  ·  I/O 0\.0 %)");
    const auto values = [&](const std::string& t) {
        const auto card = find_widget(t, "pressure-card");
        const auto line = find_widget(t, "pressure-values");
        return card && card->mapped && line && std::regex_match(line->field("text"), waiting);
    };
    auto text = dump_when(values, 10s);
    ASSERT_TRUE(values(text)) << text << monitor_log();
    std::smatch share;
    const auto line = find_widget(text, "pressure-values")->field("text");
    ASSERT_TRUE(std::regex_match(line, share, waiting));
    EXPECT_NEAR(std::stod(share[1]), 25, 10) << line;
    save_png(display_.capture(*window_),
             env_or_fail("VITALSD_TEST_DIR") + "/vitals-monitor-pressure.png");

    // Nobody waits any longer: the line goes.
    stop_tasks_waiting();
    text = dump_when(
        [](const std::string& t) {
            const auto card = find_widget(t, "pressure-card");
            return card && !card->visible;
        },
        10s);
    EXPECT_FALSE(find_widget(text, "pressure-card")->visible) << text;
}

TEST_F(AMonitorWindowOnThisMachine, GroupsTheProcessesByApplicationAndBack) {
    VitalsClient observer(bus_);
    ASSERT_NO_FATAL_FAILURE(start_monitor_subscribed(observer));

    activate_action("page", {sdbus::Variant(std::string("processes"))});
    auto text = dump_showing("processes", "applications");
    ASSERT_TRUE(find_widget(text, "processes") && find_widget(text, "processes")->mapped)
        << text << monitor_log();
    EXPECT_EQ(find_widget(text, "group-by-application")->field("active"), "0");
    EXPECT_TRUE(find_widget(text, "processes-count")->field("text").ends_with(" processes"));

    // What a click on the switch does: activate its action, which toggles.
    activate_action("group-by-application");
    text = dump_showing("applications", "processes");
    const auto applications = find_widget(text, "applications");
    ASSERT_TRUE(applications && applications->mapped) << text << monitor_log();
    EXPECT_FALSE(find_widget(text, "processes")->mapped);
    EXPECT_EQ(find_widget(text, "group-by-application")->field("active"), "1");
    EXPECT_EQ(
        find_widget(text, "processes-count")->field("text"),
        applications->field("rows") + (applications->field("rows") == "1" ? " group" : " groups"));
    // Every machine has the system group (the kernel's threads, init, the slices), with the icon
    // of its kind.
    const auto names = fields_of(text, "application-name", "text");
    const auto icons = fields_of(text, "application-icon", "icon");
    ASSERT_EQ(icons.size(), names.size());
    const auto system = std::find(names.begin(), names.end(), "system");
    ASSERT_NE(system, names.end()) << text;
    EXPECT_EQ(icons[system - names.begin()], "computer-symbolic");

    save_png(display_.capture(*window_),
             env_or_fail("VITALSD_TEST_DIR") + "/vitals-monitor-applications.png");

    activate_action("group-by-application");
    text = dump_showing("processes", "applications");
    EXPECT_TRUE(find_widget(text, "processes")->mapped) << text;
    EXPECT_FALSE(find_widget(text, "applications")->mapped);
    EXPECT_EQ(find_widget(text, "group-by-application")->field("active"), "0");
}

}  // namespace
}  // namespace vitalsd::test
