// SPDX-License-Identifier: MIT
// vitalsctl sensors: the service's sensors, filtered here with the service's own pattern rules.
#include "commands.hpp"
#include "json_writer.hpp"
#include "palette.hpp"
#include "request_error.hpp"
#include "sensor_pattern.hpp"
#include "service_connection.hpp"
#include "terminal.hpp"
#include "text_table.hpp"

namespace vitalsd::ctl {
namespace {

// Filters as the service would: a malformed pattern and an exact id that does not exist are
// its errors, a pattern that matches nothing is none.
std::vector<SensorEntry> select(const SensorDirectory& directory,
                                const std::vector<std::string>& patterns) {
    try {
        for (const auto& text : patterns) {
            const vitalsd::SensorPattern pattern(text);
            if (!pattern.is_wildcard() && directory.matching({text}).empty()) {
                throw vitalsd::RequestError(vitalsd::RequestError::Kind::UnknownSensor,
                                            "no sensor " + vitalsd::quoted_for_message(text));
            }
        }
        return directory.matching(patterns);
    } catch (const vitalsd::RequestError& e) {
        throw sdbus::Error(bus_error_name(e.kind()), e.what());
    }
}

}  // namespace

int run_sensors(const Invocation& invocation) {
    ServiceConnection service(invocation.bus);
    const auto sensors = select(service.vitals.sensor_directory(), invocation.sensors);
    if (invocation.json) {
        JsonWriter json;
        json.begin_object().key("sensors").begin_array();
        for (const auto& sensor : sensors) {
            json.begin_object()
                .key("id")
                .value(sensor.id)
                .key("unit")
                .value(sensor.unit)
                .key("label")
                .value(sensor.label)
                .key("description")
                .value(sensor.description)
                .end_object();
        }
        write_out(json.end_array().end_object().text() + "\n");
        return kExitOk;
    }
    const Palette palette(invocation.color);
    std::vector<std::vector<std::string>> rows = {{"ID", "UNIT", "LABEL"}};
    for (const auto& sensor : sensors) {
        rows.push_back({sensor.id, sensor.unit, sensor.label});
    }
    auto lines = align_columns(rows, {});
    lines.front() = palette.bold(lines.front());
    write_out(as_text(lines));
    return kExitOk;
}

}  // namespace vitalsd::ctl
