// SPDX-License-Identifier: MIT
#include "application_face.hpp"

#include <giomm/desktopappinfo.h>

#include <cstdio>

#include "value_format.hpp"

namespace vitalsd::monitor {

std::optional<DesktopEntry> find_desktop_entry(const std::string& desktop_id) {
    const auto info = Gio::DesktopAppInfo::create(desktop_id + ".desktop");
    if (!info) {
        return std::nullopt;
    }
    const auto icon = info->get_icon();
    return DesktopEntry{info->get_name(), icon ? icon->to_string() : std::string()};
}

ApplicationFace face_of(const vitalsd::ApplicationRow& row, const DesktopLookup& lookup) {
    if (row.kind == "app" && !row.hint.empty()) {
        if (auto entry = lookup(row.hint)) {
            return {entry->name.empty() ? row.hint : std::move(entry->name),
                    entry->icon.empty() ? generic_icon(row.kind) : std::move(entry->icon)};
        }
    }
    return {row.hint.empty() ? row.id : row.hint, generic_icon(row.kind)};
}

std::string generic_icon(const std::string& kind) {
    if (kind == "service") {
        return "system-run-symbolic";
    }
    if (kind == "container") {
        return "package-x-generic-symbolic";
    }
    if (kind == "session") {
        return "avatar-default-symbolic";
    }
    if (kind == "system") {
        return "computer-symbolic";
    }
    return "application-x-executable-symbolic";
}

std::optional<double> figure_of(const vitalsd::ApplicationRow& row, const std::string& figure) {
    const auto found = row.figures.find(figure);
    return found == row.figures.end() ? std::nullopt : std::optional<double>(found->second);
}

std::string figure_text(const vitalsd::ApplicationRow& row, const std::string& figure) {
    const auto value = figure_of(row, figure);
    if (!value) {
        return "—";
    }
    if (figure == "cpu") {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", *value);
        return text;
    }
    if (figure == "memory") {
        return vitalsd::human_value(*value, "B");
    }
    if (figure == "ioRead" || figure == "ioWrite") {
        return vitalsd::human_value(*value, "B/s");
    }
    if (figure.ends_with("Pressure")) {
        return vitalsd::human_value(*value, "%");
    }
    return vitalsd::human_value(*value, "");
}

}  // namespace vitalsd::monitor
