// SPDX-License-Identifier: MIT
// vitalsctl history: what the service recorded (at most one entry a second, while someone was
// subscribed): a table of samples when piped, a line and a sparkline per sensor on a terminal.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "clock_now.hpp"
#include "commands.hpp"
#include "json_writer.hpp"
#include "palette.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"
#include "text_charts.hpp"
#include "text_table.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {
namespace {

using Series = std::map<std::string, std::vector<double>>;

std::string as_json(std::uint64_t since_usec, const std::vector<std::uint64_t>& timestamps,
                    const Series& series, const std::vector<std::string>& ids,
                    const SensorDirectory& directory) {
    JsonWriter json;
    json.begin_object().key("since_usec").value(since_usec);
    json.key("timestamps_usec").begin_array();
    for (const auto timestamp : timestamps) {
        json.value(timestamp);
    }
    json.end_array().key("series").begin_object();
    for (const auto& id : ids) {
        json.key(id).begin_array();
        for (const double value : series.at(id)) {
            json.value(value);
        }
        json.end_array();
    }
    json.end_object().key("units").begin_object();
    for (const auto& id : ids) {
        json.key(id).value(directory.unit_of(id));
    }
    return json.end_object().end_object().text() + "\n";
}

// One line a sample: its time, then each sensor's value.
std::string as_table(const std::vector<std::uint64_t>& timestamps, const Series& series,
                     const std::vector<std::string>& ids, const SensorDirectory& directory) {
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"TIME"});
    rows.front().insert(rows.front().end(), ids.begin(), ids.end());
    for (std::size_t i = 0; i < timestamps.size(); ++i) {
        std::vector<std::string> row = {time_of_day(timestamps[i])};
        for (const auto& id : ids) {
            row.push_back(human_value(series.at(id)[i], directory.unit_of(id)));
        }
        rows.push_back(std::move(row));
    }
    std::vector<Align> aligns(ids.size() + 1, Align::Right);
    aligns.front() = Align::Left;
    return as_text(align_columns(rows, aligns));
}

// One line a sensor: its last, lowest and highest value, and a sparkline of the whole window
// in the width left.
std::string as_chart(const std::vector<std::uint64_t>& timestamps, const Series& series,
                     const std::vector<std::string>& ids, const SensorDirectory& directory,
                     const Palette& palette) {
    std::vector<std::vector<std::string>> rows = {{"SENSOR", "LAST", "MIN", "MAX"}};
    for (const auto& id : ids) {
        const auto unit = directory.unit_of(id);
        const auto& values = series.at(id);
        double last = NAN;
        double low = NAN;
        double high = NAN;
        for (const double v : values) {
            if (!std::isnan(v)) {
                last = v;
                low = std::isnan(low) ? v : std::min(low, v);
                high = std::isnan(high) ? v : std::max(high, v);
            }
        }
        rows.push_back(
            {id, human_value(last, unit), human_value(low, unit), human_value(high, unit)});
    }
    auto lines = align_columns(rows, {Align::Left, Align::Right, Align::Right, Align::Right});
    const std::size_t columns = terminal_size().columns;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        auto& line = lines[i + 1];
        const std::size_t used = display_width(lines.front()) + 2;
        if (columns <= used + 4) {
            continue;
        }
        line += std::string(used - display_width(line), ' ');
        const bool percent = directory.unit_of(ids[i]) == "%";
        line += palette.dim(sparkline(resample(series.at(ids[i]), columns - used - 1),
                                      percent ? std::optional(ChartRange{0, 100}) : std::nullopt));
    }
    lines.front() = palette.bold(lines.front());
    const auto span = (timestamps.back() - timestamps.front()) / 1'000'000u;
    return std::to_string(timestamps.size()) + " samples from " + time_of_day(timestamps.front()) +
           " to " + time_of_day(timestamps.back()) + " (" + std::to_string(span) + " s)\n" +
           as_text(lines);
}

}  // namespace

int run_history(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    const auto directory = service.vitals.sensor_directory();
    const auto now = realtime_now_usec();
    const auto since_usec = now > invocation.since_usec ? now - invocation.since_usec : 0;
    const auto [timestamps, series] = service.vitals.GetHistory(invocation.sensors, since_usec);
    const auto ids = directory.keys_in_order(series);

    if (invocation.json) {
        write_out(as_json(since_usec, timestamps, series, ids, directory));
        return kExitOk;
    }
    if (timestamps.empty()) {
        std::fprintf(stderr,
                     "vitalsctl: no samples in that time: the service records history only "
                     "while a client is subscribed (vitalsctl watch)\n");
        return kExitOk;
    }
    write_out(stdout_is_terminal()
                  ? as_chart(timestamps, series, ids, directory, Palette(invocation.color))
                  : as_table(timestamps, series, ids, directory));
    return kExitOk;
}

}  // namespace vitalsd::ctl
