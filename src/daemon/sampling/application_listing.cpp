// SPDX-License-Identifier: MIT
#include "application_listing.hpp"

#include "collectors/application_figures.hpp"
#include "utf8.hpp"

namespace vitalsd {
namespace {

// Every figure of every group.
const std::vector<std::string> kAllFigures = {"app/*/*"};

}  // namespace

ApplicationListing::ApplicationListing(Monitor& monitor, ApplicationGroups* groups)
    : monitor_(monitor), groups_(groups) {}

std::variant<std::vector<ApplicationRow>, Monitor::Probe> ApplicationListing::begin() {
    if (groups_ == nullptr) {
        return std::vector<ApplicationRow>{};
    }
    monitor_.look_for_new_sensors(kAllFigures);
    auto read = monitor_.begin_read(kAllFigures);
    if (const auto* values = std::get_if<TimedValues>(&read)) {
        return rows(*values);
    }
    return std::get<Monitor::Probe>(std::move(read));
}

std::vector<ApplicationRow> ApplicationListing::finish(Monitor::Probe& probe) {
    return rows(monitor_.finish_read(probe));
}

std::vector<ApplicationRow> ApplicationListing::rows(const TimedValues& values) {
    auto pids = groups_->read_pids();
    std::vector<ApplicationRow> rows;
    rows.reserve(groups_->applications().size());
    for (std::size_t i = 0; i < groups_->applications().size(); ++i) {
        const auto& application = groups_->applications()[i];
        const auto& group = application.group;
        // Cgroup and unit names are bytes; D-Bus strings must be UTF-8, or the whole reply fails.
        ApplicationRow row{to_valid_utf8(group.id),
                           std::string(kind_name(group.kind)),
                           to_valid_utf8(group.hint),
                           {},
                           {}};
        for (const auto& cgroup : application.cgroups) {
            row.cgroups.push_back(to_valid_utf8(cgroup));
        }
        for (const auto figure : kApplicationFigures) {
            const auto value = values.values.find(application.sensor_prefix + std::string(figure));
            if (value != values.values.end()) {
                row.figures.emplace(figure, value->second);
            }
        }
        row.pids = std::move(pids[i]);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace vitalsd
