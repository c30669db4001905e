// SPDX-License-Identifier: MIT
// vitalsctl watch: subscribes (Start) and shows each Updated signal: a dashboard redrawn in place
// on a terminal, a line an update when piped, JSON lines with --json. The service comes and
// goes (idle exit, restarts, crashes), so watch follows the owner of its name and subscribes
// again as Resubscription says.
#include <signal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bus_error.hpp"
#include "client_loop.hpp"
#include "clock_now.hpp"
#include "commands.hpp"
#include "dashboard.hpp"
#include "json_writer.hpp"
#include "resubscription.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {
namespace {

// Without sensors named: what a person checks first. The rows follow the service's order of
// sensors, which puts the pressure stalls beside the load; as a pattern, they are asked for
// without an error where the kernel has no /proc/pressure, and show only where it has.
const std::vector<std::string> kOverview = {"cpu/all/usage",
                                            "cpu/*/usage",
                                            "memory/physical/usedPercent",
                                            "memory/physical/used",
                                            "memory/swap/usedPercent",
                                            "load/1",
                                            "load/5",
                                            "load/15",
                                            "pressure/*/some"};

// How far back the sparklines start from history, and how many points a row keeps.
constexpr std::uint64_t kSeedWindowUsec = 120'000'000;
constexpr std::size_t kKeptPoints = 240;

// What the bus answers when a name has no owner: the instance that took Start has left already.
constexpr const char* kNameHasNoOwner = "org.freedesktop.DBus.Error.NameHasNoOwner";

enum class Output { Dashboard, Lines, JsonLines };

class Watch {
public:
    explicit Watch(const Invocation& invocation)
        : invocation_(invocation),
          sensors_(invocation.sensors.empty() ? kOverview : invocation.sensors),
          output_(invocation.json        ? Output::JsonLines
                  : stdout_is_terminal() ? Output::Dashboard
                                         : Output::Lines),
          palette_(invocation.color),
          service_(invocation.bus),
          loop_(service_.connection(), {SIGINT, SIGTERM, SIGHUP, SIGWINCH}),
          directory_(service_.vitals.sensor_directory()) {}

    int run() {
        owner_watch_ = service_.bus.watch_service_owner(
            [this](const std::string& old_owner, const std::string& new_owner) {
                resubscription_.owner_changed(old_owner, new_owner);
            });
        service_.vitals.on_updated = [this](const std::string& sender, std::uint64_t timestamp,
                                            const std::map<std::string, double>& values) {
            // An instance on its way out may still send a last update or two.
            if (sender == owner_) {
                show(timestamp, values);
            }
        };
        // New sensors (a pattern matching a hot-plugged device) need their units and labels.
        service_.vitals.on_sensors_changed = [this] {
            directory_ = service_.vitals.sensor_directory();
        };
        // Unlike a later one, a first Start that fails ends the command: the service may not be
        // installed, or refuse the sensors asked for.
        subscribe();
        if (output_ == Output::Dashboard) {
            screen_.emplace();
            seed_from_history();
            draw();
        }
        for (;;) {
            const auto advice = resubscription_.next(ClientLoop::Clock::now());
            if (advice.subscribe_now) {
                resubscribe();
                continue;
            }
            const auto wake = loop_.wait(advice.come_back_at);
            if (wake.signal == SIGWINCH) {
                if (screen_) {
                    screen_->clear();
                    draw();
                }
            } else if (wake.signal) {
                break;
            }
        }
        unsubscribe();
        return kExitOk;
    }

private:
    // Subscribes with whichever instance owns the name, starting one if none does, and follows
    // that instance. Throws sdbus::Error when Start fails; when the instance cannot be followed
    // (it left at once), tells resubscription_ so.
    void subscribe() {
        resubscription_.attempt_started();
        service_.vitals.Start(invocation_.interval_ms, sensors_);
        const auto owner = service_.bus.service_owner();
        if (!owner) {
            resubscription_.failed(kNameHasNoOwner, ClientLoop::Clock::now());
            return;
        }
        owner_ = *owner;
        instance_ = std::make_unique<VitalsProxy>(service_.connection(), owner_);
        try {
            pid_ = service_.bus.pid_of(owner_);
            version_ = instance_->Version();
        } catch (const sdbus::Error& e) {
            resubscription_.failed(e.getName(), ClientLoop::Clock::now());
            return;
        }
        resubscription_.subscribed(owner_);
    }

    void resubscribe() {
        const auto old_pid = pid_;
        try {
            subscribe();
        } catch (const sdbus::Error& e) {
            resubscription_.failed(e.getName(), ClientLoop::Clock::now());
            const auto why = describe_error(e.getName(), e.getMessage());
            tell(resubscription_.state() == Resubscription::State::Refused
                     ? "the service refuses the subscription: " + why +
                           "; waiting for another instance"
                     : "the service is gone and cannot be started: " + why + "; trying again");
            return;
        }
        if (resubscription_.state() == Resubscription::State::Subscribed) {
            tell("vitalsd pid " + std::to_string(old_pid) + " went away; watching pid " +
                 std::to_string(pid_));
        }
    }

    void unsubscribe() {
        try {
            // To the instance itself: should it have gone, this must not start another.
            if (instance_) {
                instance_->Stop();
            }
        } catch (const sdbus::Error&) {
            // It has gone, and with it the subscription.
        }
    }

    // A note for the person watching: in the dashboard, else on stderr, away from the data.
    void tell(const std::string& note) {
        if (note == note_) {
            return;  // a retry that failed the same way again
        }
        note_ = note;
        if (screen_) {
            draw();
        } else {
            std::fprintf(stderr, "vitalsctl: %s\n", note.c_str());
        }
    }

    // Starts the sparklines with what the service recorded before we came.
    void seed_from_history() {
        try {
            const auto since = realtime_now_usec() - kSeedWindowUsec;
            const auto [timestamps, series] = service_.vitals.GetHistory(sensors_, since);
            add_rows(directory_.keys_in_order(series));
            for (auto& row : rows_) {
                row.recent = series.at(row.id);
                for (const double v : row.recent) {
                    row.value = std::isnan(v) ? row.value : v;
                }
            }
        } catch (const sdbus::Error&) {
            // A history too large to send (LimitExceeded): the sparklines start empty.
        }
    }

    // Adds a row for each id that has none, keeping the service's order.
    void add_rows(const std::vector<std::string>& ids) {
        bool added = false;
        for (const auto& id : ids) {
            if (find_row(id) == nullptr) {
                rows_.push_back({id, directory_.unit_of(id), NAN, {}});
                added = true;
            }
        }
        if (added) {
            std::stable_sort(rows_.begin(), rows_.end(), [this](const auto& a, const auto& b) {
                return directory_.rank_of(a.id) < directory_.rank_of(b.id);
            });
        }
    }

    DashboardRow* find_row(const std::string& id) {
        for (auto& row : rows_) {
            if (row.id == id) {
                return &row;
            }
        }
        return nullptr;
    }

    void show(std::uint64_t timestamp, const std::map<std::string, double>& values) {
        switch (output_) {
            case Output::JsonLines: {
                JsonWriter json;
                json.begin_object().key("timestamp_usec").value(timestamp);
                json.key("values").begin_object();
                for (const auto& id : directory_.keys_in_order(values)) {
                    json.key(id).value(values.at(id));
                }
                write_out(json.end_object().end_object().text() + "\n");
                break;
            }
            case Output::Lines: {
                std::string line = time_of_day(timestamp);
                for (const auto& id : directory_.keys_in_order(values)) {
                    line += "  " + id + " " + human_value(values.at(id), directory_.unit_of(id));
                }
                write_out(line + "\n");
                break;
            }
            case Output::Dashboard:
                add_rows(directory_.keys_in_order(values));
                for (auto& row : rows_) {
                    const auto found = values.find(row.id);
                    row.value = found == values.end() ? NAN : found->second;
                    row.recent.push_back(row.value);
                    if (row.recent.size() > kKeptPoints) {
                        row.recent.erase(row.recent.begin());
                    }
                }
                last_update_ = timestamp;
                draw();
                break;
        }
    }

    void draw() {
        std::string title = "vitalsd " + version_ + " · pid " + std::to_string(pid_) + " · every " +
                            std::to_string(invocation_.interval_ms) + " ms";
        if (last_update_ > 0) {
            title += " · " + time_of_day(last_update_);
        }
        title += " · Ctrl-C quits";
        screen_->draw(render_dashboard({title, note_, rows_}, terminal_size(), palette_));
    }

    const Invocation& invocation_;
    const std::vector<std::string> sensors_;
    const Output output_;
    const Palette palette_;
    ServiceConnection service_;
    ClientLoop loop_;
    SensorDirectory directory_;
    Resubscription resubscription_;
    sdbus::Slot owner_watch_;

    std::string owner_;                      // the instance we are subscribed with
    std::unique_ptr<VitalsProxy> instance_;  // that instance, by its unique name
    std::uint32_t pid_ = 0;
    std::string version_;

    std::optional<InPlaceScreen> screen_;
    std::vector<DashboardRow> rows_;
    std::string note_;
    std::uint64_t last_update_ = 0;
};

}  // namespace

int run_watch(const Invocation& invocation) {
    return Watch(invocation).run();
}

}  // namespace vitalsd::ctl
