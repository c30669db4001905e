// SPDX-License-Identifier: MIT
// vitalsctl get: one GetValues call, shown scaled with units, as plain numbers, as JSON or as
// Prometheus metrics.
#include "commands.hpp"
#include "json_writer.hpp"
#include "node_metrics.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"
#include "text_table.hpp"
#include "value_format.hpp"

namespace vitalsd::ctl {

namespace {

// The groups of processes shown at most, when the sensors named include app/ ones.
constexpr std::size_t kMaxApplications = 50;

// What vitals-exporter serves, once: for cron and node_exporter's textfile collector.
int print_openmetrics(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    ExportOptions options;
    auto sensors = invocation.sensors;
    if (sensors.empty()) {
        sensors = exported_sensor_patterns(options);
    } else {
        options.max_applications = kMaxApplications;
    }
    const auto [timestamp_usec, values] = service.vitals.GetValues(sensors);
    const auto families =
        node_metric_families(timestamp_usec, values, read_mount_sources(), options);
    write_out(expose(families, ExpositionFormat::OpenMetrics));
    return kExitOk;
}

}  // namespace

int run_get(const Invocation& invocation) {
    if (invocation.openmetrics) {
        return print_openmetrics(invocation);
    }
    ServiceConnection service(invocation.bus);
    const auto directory = service.vitals.sensor_directory();
    const auto [timestamp_usec, values] = service.vitals.GetValues(invocation.sensors);
    const auto ids = directory.keys_in_order(values);

    if (invocation.json) {
        JsonWriter json;
        json.begin_object().key("timestamp_usec").value(timestamp_usec);
        json.key("values").begin_object();
        for (const auto& id : ids) {
            json.key(id).value(values.at(id));
        }
        json.end_object().key("units").begin_object();
        for (const auto& id : ids) {
            json.key(id).value(directory.unit_of(id));
        }
        write_out(json.end_object().end_object().text() + "\n");
        return kExitOk;
    }
    if (invocation.raw) {
        // For scripts: "id value", one space, nothing to strip.
        std::string text;
        for (const auto& id : ids) {
            text += id + " " + raw_number(values.at(id)) + "\n";
        }
        write_out(text);
        return kExitOk;
    }
    std::vector<Quantity> quantities;
    for (const auto& id : ids) {
        quantities.push_back(human_quantity(values.at(id), directory.unit_of(id)));
    }
    const auto shown = aligned_quantities(quantities);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        rows.push_back({ids[i], shown[i]});
    }
    write_out(as_text(align_columns(rows, {})));
    return kExitOk;
}

}  // namespace vitalsd::ctl
