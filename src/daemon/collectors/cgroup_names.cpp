// SPDX-License-Identifier: MIT
// The naming conventions: systemd's for desktop applications
// (https://systemd.io/DESKTOP_ENVIRONMENTS/), snapd's, and those of the container managers'
// cgroup drivers.
#include "cgroup_names.hpp"

#include <array>

namespace vitalsd {
namespace {

constexpr std::string_view kScope = ".scope";
constexpr std::string_view kService = ".service";
// A container's id is 64 hex digits; people know it by the first 12, as `docker ps` shows it.
constexpr std::size_t kShortIdLength = 12;
constexpr std::size_t kUuidLength = 36;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Container ids and UUIDs are written in lower-case hex digits.
bool is_lower_hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_container_id(std::string_view text) {
    if (text.size() < kShortIdLength) {
        return false;
    }
    for (const char c : text) {
        if (!is_lower_hex_digit(c)) {
            return false;
        }
    }
    return true;
}

// Returns text without prefix and suffix when it has both and something between them.
std::optional<std::string_view> between(std::string_view text, std::string_view prefix,
                                        std::string_view suffix) {
    if (text.size() <= prefix.size() + suffix.size() || !text.starts_with(prefix) ||
        !text.ends_with(suffix)) {
        return std::nullopt;
    }
    return text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
}

CgroupGroup app(std::string id) {
    auto hint = id;
    return {GroupKind::App, std::move(id), std::move(hint), false};
}

// An app whose name leaves no id (app--4242.scope) is no app: it is a unit of its own.
std::optional<CgroupGroup> app_with_id(std::string id) {
    return id.empty() ? std::nullopt : std::optional(app(std::move(id)));
}

CgroupGroup container(std::string_view manager, std::string_view name, std::string hint) {
    return {GroupKind::Container, std::string(manager) + "-" + std::string(name), std::move(hint),
            false};
}

CgroupGroup container_by_id(std::string_view manager, std::string_view id) {
    const auto short_id = id.substr(0, kShortIdLength);
    return container(manager, short_id, std::string(short_id));
}

// app[-<launcher>]-<ApplicationID>: the launcher is there when a '-' (an unescaped one: the
// id's own are \x2d) separates two parts.
std::string application_id(std::string_view launcher_and_id) {
    const auto dash = launcher_and_id.find('-');
    return unescape_unit_name(dash == std::string_view::npos ? launcher_and_id
                                                             : launcher_and_id.substr(dash + 1));
}

// app[-<launcher>]-<ApplicationID>-<RANDOM>.scope,
// app[-<launcher>]-<ApplicationID>[@<RANDOM>].service
std::optional<CgroupGroup> desktop_app(std::string_view name) {
    if (const auto scope = between(name, "app-", kScope)) {
        const auto dash = scope->rfind('-');
        return app_with_id(
            application_id(dash == std::string_view::npos ? *scope : scope->substr(0, dash)));
    }
    if (const auto service = between(name, "app-", kService)) {
        return app_with_id(application_id(service->substr(0, service->find('@'))));
    }
    return std::nullopt;
}

// dbus-<bus name of the activator>-<service's bus name>@<N>.service: the unit dbus-broker starts
// a D-Bus-activated service in when its .service file names no systemd unit. An application
// activated so (Nautilus) has its application id for its bus name, by the Desktop Entry
// Specification's rule for D-Bus activatable applications.
std::optional<CgroupGroup> dbus_activated_app(std::string_view name) {
    const auto service = between(name, "dbus-:", kService);
    if (!service) {
        return std::nullopt;
    }
    const auto dash = service->find('-');
    const auto at = service->rfind('@');
    if (dash == std::string_view::npos || at == std::string_view::npos || at < dash) {
        return std::nullopt;
    }
    return app_with_id(unescape_unit_name(service->substr(dash + 1, at - dash - 1)));
}

// Whether text is a UUID as the kernel makes them (/proc/sys/kernel/random/uuid): 8-4-4-4-12
// lower-case hex digits.
bool is_uuid(std::string_view text) {
    if (text.size() != kUuidLength) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !is_lower_hex_digit(text[i])) {
            return false;
        }
    }
    return true;
}

// snap.<snap>.<app>-<UUID>.scope (from older snapd, snap.<snap>.<app>.<UUID>.scope); the
// desktop file of that app is <snap>_<app>.desktop. Snap and app names may hold dashes, and so
// does the UUID: it is told by its shape.
std::optional<CgroupGroup> snap_app(std::string_view name) {
    const auto scope = between(name, "snap.", kScope);
    if (!scope || scope->size() <= kUuidLength + 1) {
        return std::nullopt;
    }
    const auto tag = scope->substr(0, scope->size() - kUuidLength - 1);
    const char separator = (*scope)[tag.size()];
    const auto dot = tag.find('.');
    if ((separator != '-' && separator != '.') || !is_uuid(scope->substr(tag.size() + 1)) ||
        dot == 0 || dot == std::string_view::npos || dot + 1 == tag.size()) {
        return std::nullopt;
    }
    return app(unescape_unit_name(tag.substr(0, dot)) + "_" +
               unescape_unit_name(tag.substr(dot + 1)));
}

std::optional<CgroupGroup> container_scope(std::string_view name) {
    struct Driver {
        std::string_view prefix;   // of the scope the systemd cgroup driver makes
        std::string_view manager;  // the group's id begins with it
    };
    static constexpr std::array<Driver, 6> kDrivers = {{
        {"docker-", "docker"},
        {"libpod-conmon-", "podman"},  // podman's monitor of the container, counted with it
        {"libpod-", "podman"},
        {"crio-conmon-", "crio"},  // CRI-O's monitor of the container, counted with it
        {"crio-", "crio"},
        {"cri-containerd-", "containerd"},
    }};
    for (const auto& driver : kDrivers) {
        if (const auto id = between(name, driver.prefix, kScope); id && is_container_id(*id)) {
            return container_by_id(driver.manager, *id);
        }
    }
    if (const auto machine = between(name, "machine-", kScope)) {
        const auto machine_name = unescape_unit_name(*machine);
        return container("machine", machine_name, machine_name);
    }
    if (const auto machine = between(name, "systemd-nspawn@", kService)) {
        const auto machine_name = unescape_unit_name(*machine);
        return container("machine", machine_name, machine_name);
    }
    return std::nullopt;
}

// What the container managers that do not go through systemd name: LXC's lxc.payload.<name>
// (its monitor in lxc.monitor.<name>), docker's and podman's cgroupfs driver /docker/<id> and
// /libpod_parent/libpod-<id>.
std::optional<CgroupGroup> container_directory(std::string_view name, std::string_view parent) {
    for (const std::string_view prefix : {"lxc.payload.", "lxc.monitor."}) {
        if (name.size() > prefix.size() && name.starts_with(prefix)) {
            const auto container_name = std::string(name.substr(prefix.size()));
            return container("lxc", container_name, container_name);
        }
    }
    if (parent == "docker" && is_container_id(name)) {
        return container_by_id("docker", name);
    }
    if (parent == "libpod_parent" && name.starts_with("libpod-") &&
        is_container_id(name.substr(7))) {
        return container_by_id("podman", name.substr(7));
    }
    return std::nullopt;
}

std::optional<CgroupGroup> unit(std::string_view name) {
    if (name == "init.scope") {
        return std::nullopt;  // the manager of the unit above it: PID 1, or a user's manager
    }
    if (const auto number = between(name, "session-", kScope)) {
        return CgroupGroup{GroupKind::Session, "session-" + unescape_unit_name(*number),
                           std::string(name), false};
    }
    if (name.ends_with(kService) || name.ends_with(kScope)) {
        // systemd prefixes a '_' to a unit's cgroup whose name could be taken for a file of the
        // kernel's (io.example.service, cpu.x.scope) or begins with '_' or '.' (cg_escape).
        if (name.starts_with('_')) {
            name.remove_prefix(1);
        }
        auto unit_name = unescape_unit_name(name);
        auto hint = unit_name;
        return CgroupGroup{GroupKind::Service, std::move(unit_name), std::move(hint), true};
    }
    return std::nullopt;
}

}  // namespace

std::string_view kind_name(GroupKind kind) {
    switch (kind) {
        case GroupKind::App:
            return "app";
        case GroupKind::Service:
            return "service";
        case GroupKind::Container:
            return "container";
        case GroupKind::Session:
            return "session";
        case GroupKind::System:
            break;
    }
    return "system";
}

std::string unescape_unit_name(std::string_view name) {
    std::string text;
    text.reserve(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '\\' && i + 3 < name.size() && name[i + 1] == 'x' &&
            hex_digit(name[i + 2]) >= 0 && hex_digit(name[i + 3]) >= 0) {
            text.push_back(static_cast<char>(hex_digit(name[i + 2]) * 16 + hex_digit(name[i + 3])));
            i += 3;
        } else {
            text.push_back(name[i]);
        }
    }
    return text;
}

std::optional<CgroupGroup> classify_cgroup(std::string_view name, std::string_view parent_name) {
    for (auto group : {desktop_app(name), dbus_activated_app(name), snap_app(name),
                       container_scope(name), container_directory(name, parent_name), unit(name)}) {
        if (group) {
            return group;
        }
    }
    return std::nullopt;
}

}  // namespace vitalsd
