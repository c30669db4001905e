// SPDX-License-Identifier: MIT
// vitalsctl top: the process table or the applications (groups of processes), redrawn in place
// on a terminal until Ctrl-C or 'q', where 'a' switches between the two; printed once when piped.
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <map>

#include "application_rows.hpp"
#include "client_loop.hpp"
#include "clock_now.hpp"
#include "commands.hpp"
#include "json_writer.hpp"
#include "palette.hpp"
#include "process_rows.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"
#include "text_table.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {
namespace {

const char* order_name(ProcessOrder order) {
    switch (order) {
        case ProcessOrder::Cpu:
            return "CPU";
        case ProcessOrder::Memory:
            return "memory";
        case ProcessOrder::Pid:
            return "pid";
    }
    return "";
}

// Resolves uids to user names once each: getpwuid may read /etc/passwd or ask NSS every time.
class UserNames {
public:
    const std::string& operator()(std::uint32_t uid) {
        auto [it, added] = names_.try_emplace(uid);
        if (added) {
            const passwd* user = ::getpwuid(uid);
            it->second = user != nullptr ? user->pw_name : std::to_string(uid);
        }
        return it->second;
    }

private:
    std::map<std::uint32_t, std::string> names_;
};

// What top lists; 'a' switches between the two.
enum class View { Processes, Applications };

// The order a view is sorted by: pid does not apply to groups, which go by CPU then.
ProcessOrder order_in(View view, ProcessOrder asked) {
    return view == View::Applications && asked == ProcessOrder::Pid ? ProcessOrder::Cpu : asked;
}

// Keeps the first count rows (none: all); returns how many there were.
template <typename Row>
std::size_t keep_first(std::vector<Row>& rows, std::optional<std::size_t> count) {
    const auto total = rows.size();
    if (count && rows.size() > *count) {
        rows.resize(*count);
    }
    return total;
}

std::vector<ApplicationRow> applications(ServiceConnection& service) {
    std::vector<ApplicationRow> rows;
    for (const auto& row : service.vitals.ListApplications()) {
        rows.push_back(from_wire(row));
    }
    return rows;
}

// A table as drawn: the header, a line a row; and how many rows there were before the cut.
struct Table {
    std::vector<std::string> lines;
    std::size_t total = 0;
};

Table read_table(ServiceConnection& service, View view, ProcessOrder order,
                 std::optional<std::size_t> count, std::size_t width, UserNames& user_name) {
    if (view == View::Applications) {
        auto rows = applications(service);
        sort_applications(rows, order);
        const auto total = keep_first(rows, count);
        return {application_table_lines(rows, width), total};
    }
    auto rows = service.vitals.processes();
    sort_processes(rows, order);
    const auto total = keep_first(rows, count);
    return {process_table_lines(rows, user_name, width), total};
}

std::string as_json(const std::vector<ProcessRow>& processes, UserNames& user_name) {
    JsonWriter json;
    json.begin_object().key("processes").begin_array();
    for (const auto& p : processes) {
        json.begin_object();
        json.key("pid").value(p.pid).key("ppid").value(p.ppid);
        json.key("uid").value(p.uid).key("user").value(user_name(p.uid));
        json.key("name").value(p.name).key("state").value(p.state);
        json.key("cpu_percent").value(p.cpu_percent);
        json.key("resident_bytes").value(p.resident_bytes);
        json.key("threads").value(p.threads);
        json.key("command_line").value(p.command_line);
        json.end_object();
    }
    return json.end_array().end_object().text() + "\n";
}

// The groups as ListApplications gives them, figures by the service's names.
std::string as_json(const std::vector<ApplicationRow>& applications) {
    JsonWriter json;
    json.begin_object().key("applications").begin_array();
    for (const auto& a : applications) {
        json.begin_object();
        json.key("id").value(a.id).key("kind").value(a.kind).key("hint").value(a.hint);
        json.key("cgroups").begin_array();
        for (const auto& cgroup : a.cgroups) {
            json.value(cgroup);
        }
        json.end_array().key("figures").begin_object();
        for (const auto& [figure, value] : a.figures) {
            json.key(figure).value(value);
        }
        json.end_object().end_object();
    }
    return json.end_array().end_object().text() + "\n";
}

// What the keys typed ask for; unknown keys (and the bytes of arrow keys) ask nothing.
enum class KeyAction { None, SwitchView, Quit };

KeyAction action_of(char key) {
    switch (key) {
        case 'a':
            return KeyAction::SwitchView;
        case 'q':
            return KeyAction::Quit;
        default:
            return KeyAction::None;
    }
}

std::string title(const Table& table, View view, ProcessOrder order, const Invocation& invocation,
                  bool reads_keys) {
    const bool apps = view == View::Applications;
    std::string text = "vitalsd · " + std::to_string(table.lines.size() - 1) + " of " +
                       std::to_string(table.total) + (apps ? " applications" : " processes") +
                       " by " + order_name(order) + " · every " +
                       std::to_string(invocation.interval_ms) + " ms · " +
                       time_of_day(realtime_now_usec()) + " · ";
    if (reads_keys) {
        text += apps ? "a: processes · q quits" : "a: applications · q quits";
    } else {
        text += "Ctrl-C quits";
    }
    return text;
}

int refresh_on_terminal(ServiceConnection& service, const Invocation& invocation) {
    ClientLoop loop(service.connection(), {SIGINT, SIGTERM, SIGHUP, SIGWINCH});
    InPlaceScreen screen(Keys::Read);
    if (screen.reads_keys()) {
        loop.watch_input(STDIN_FILENO);
    }
    UserNames user_name;
    const Palette palette(invocation.color);
    View view = invocation.applications ? View::Applications : View::Processes;
    for (;;) {
        const auto size = terminal_size();
        // A title, the header and a free last row (a full frame would scroll).
        const std::size_t fit = size.rows > 3 ? size.rows - 3 : 1;
        const auto order = order_in(view, invocation.order);
        auto table = read_table(service, view, order,
                                invocation.process_count ? invocation.process_count : fit,
                                size.columns, user_name);
        const auto heading = title(table, view, order, invocation, screen.reads_keys());
        table.lines.front() = palette.bold(table.lines.front());
        table.lines.insert(table.lines.begin(), palette.bold(fit_width(heading, size.columns)));
        screen.draw(table.lines);

        const auto next =
            ClientLoop::Clock::now() + std::chrono::milliseconds(invocation.interval_ms);
        const View shown = view;
        for (bool redraw = false; !redraw;) {
            const auto wake = loop.wait(next);
            if (wake.signal == SIGWINCH) {
                screen.clear();
                break;
            }
            if (wake.signal) {
                return kExitOk;
            }
            if (wake.input) {
                const auto keys = read_keys();
                if (!keys) {
                    loop.watch_input(std::nullopt);  // the terminal hung up; SIGHUP follows
                }
                for (const char key : keys.value_or("")) {
                    switch (action_of(key)) {
                        case KeyAction::SwitchView:
                            view = view == View::Processes ? View::Applications : View::Processes;
                            break;
                        case KeyAction::Quit:
                            return kExitOk;
                        case KeyAction::None:
                            break;
                    }
                }
            }
            redraw = wake.timed_out || view != shown;
        }
    }
}

}  // namespace

int run_top(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    if (!invocation.json && stdout_is_terminal()) {
        return refresh_on_terminal(service, invocation);
    }
    if (invocation.applications) {
        auto rows = applications(service);
        sort_applications(rows, invocation.order);
        keep_first(rows, invocation.process_count);
        write_out(invocation.json ? as_json(rows)
                                  : as_text(application_table_lines(rows, std::nullopt)));
        return kExitOk;
    }
    UserNames user_name;
    auto rows = service.vitals.processes();
    sort_processes(rows, invocation.order);
    keep_first(rows, invocation.process_count);
    write_out(invocation.json ? as_json(rows, user_name)
                              : as_text(process_table_lines(rows, user_name, std::nullopt)));
    return kExitOk;
}

}  // namespace vitalsd::ctl
