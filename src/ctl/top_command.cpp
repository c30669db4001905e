// SPDX-License-Identifier: MIT
// vitalsctl top: the process table, redrawn in place on a terminal until Ctrl-C, printed once
// when piped.
#include <pwd.h>
#include <signal.h>

#include <map>

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

struct Table {
    std::vector<ProcessRow> shown;  // sorted, cut to the count asked for
    std::size_t total = 0;
};

Table read_processes(ServiceConnection& service, const Invocation& invocation,
                     std::optional<std::size_t> fit) {
    Table table{service.vitals.processes(), 0};
    table.total = table.shown.size();
    sort_processes(table.shown, invocation.order);
    const auto count = invocation.process_count ? invocation.process_count : fit;
    if (count && table.shown.size() > *count) {
        table.shown.resize(*count);
    }
    return table;
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

int refresh_on_terminal(ServiceConnection& service, const Invocation& invocation) {
    ClientLoop loop(service.connection(), {SIGINT, SIGTERM, SIGHUP, SIGWINCH});
    InPlaceScreen screen;
    UserNames user_name;
    const Palette palette(invocation.color);
    for (;;) {
        const auto size = terminal_size();
        // A title, the header and a free last row (a full frame would scroll).
        const std::size_t fit = size.rows > 3 ? size.rows - 3 : 1;
        const auto processes = read_processes(service, invocation, fit);
        auto table = process_table_lines(processes.shown, user_name, size.columns);
        table.front() = palette.bold(table.front());
        const std::string title = "vitalsd · " + std::to_string(processes.shown.size()) + " of " +
                                  std::to_string(processes.total) + " processes by " +
                                  order_name(invocation.order) + " · every " +
                                  std::to_string(invocation.interval_ms) + " ms · " +
                                  time_of_day(realtime_now_usec()) + " · Ctrl-C quits";
        table.insert(table.begin(), palette.bold(fit_width(title, size.columns)));
        screen.draw(table);

        const auto next =
            ClientLoop::Clock::now() + std::chrono::milliseconds(invocation.interval_ms);
        for (;;) {
            const auto wake = loop.wait(next);
            if (wake.signal == SIGWINCH) {
                screen.clear();
                break;
            }
            if (wake.signal) {
                return kExitOk;
            }
            if (wake.timed_out) {
                break;
            }
        }
    }
}

}  // namespace

int run_top(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    if (!invocation.json && stdout_is_terminal()) {
        return refresh_on_terminal(service, invocation);
    }
    UserNames user_name;
    const auto processes = read_processes(service, invocation, std::nullopt).shown;
    write_out(invocation.json ? as_json(processes, user_name)
                              : as_text(process_table_lines(processes, user_name, std::nullopt)));
    return kExitOk;
}

}  // namespace vitalsd::ctl
