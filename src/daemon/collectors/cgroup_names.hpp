// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vitalsd {

/// What a group of processes is, as ListApplications names it.
enum class GroupKind {
    App,        ///< an application a desktop launched, in a scope or service of its own
    Service,    ///< a systemd unit of its own (a service, or a scope no convention names)
    Container,  ///< a container or a machine, with whatever runs inside it
    Session,    ///< a login session (session-N.scope)
    System,     ///< the rest: the root cgroup (kernel threads), init.scope, slices
};

/// Returns the kind as ListApplications spells it: "app", "service", ...
std::string_view kind_name(GroupKind kind);

/// The group a cgroup starts.
struct CgroupGroup {
    GroupKind kind = GroupKind::System;
    std::string id;    ///< what tells the group apart: an application id, a unit name, ...
    std::string hint;  ///< for a client: an app's desktop file id, a unit name, a container's
    /// Whether cgroups below it may start groups of their own (a user's manager,
    /// user@1000.service, holds the user's apps); those inside an app or a container do not.
    bool holds_groups = false;

    bool operator==(const CgroupGroup&) const = default;
};

/// Returns a systemd unit name (or a part of one) with its \xNN escapes undone: "\x2d" is '-'.
/// A backslash not followed by 'x' and two hex digits is kept as it is.
std::string unescape_unit_name(std::string_view name);

/// Returns the group a cgroup starts, by the conventions that name cgroups, from its directory
/// name and its parent's: an app scope or service of the desktop-environment convention
/// (app-<launcher>-<ApplicationID>-<RANDOM>.scope, app-<launcher>-<ApplicationID>@<RANDOM>.service,
/// the launcher optional), a D-Bus-activated application's unit
/// (dbus-:1.2-org.gnome.Nautilus@0.service), a snap app's scope, the containers of docker,
/// podman, CRI-O, containerd, LXC and systemd-machined, a login session, any other unit. Returns
/// nullopt for a cgroup that belongs to its parent's group: a slice (also the one systemd makes
/// for a template's instances, app-dbus\x2d:1.2\x2dorg.gnome.Nautilus.slice), an init.scope, a
/// directory no convention names.
std::optional<CgroupGroup> classify_cgroup(std::string_view name, std::string_view parent_name);

}  // namespace vitalsd
