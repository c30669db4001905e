// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "wire.hpp"

namespace vitalsd::monitor {

/// What a desktop file says of an application: its name, and its icon as GIO writes one in text
/// (g_icon_to_string: a theme's icon name or a file's path), empty when it names none.
struct DesktopEntry {
    std::string name;
    std::string icon;

    bool operator==(const DesktopEntry&) const = default;
};

/// Returns the entry of the desktop file with this id ("org.gnome.Terminal" for
/// org.gnome.Terminal.desktop), found where GIO looks for applications ($XDG_DATA_HOME and
/// $XDG_DATA_DIRS); none when there is no such file.
std::optional<DesktopEntry> find_desktop_entry(const std::string& desktop_id);

using DesktopLookup = std::function<std::optional<DesktopEntry>(const std::string& desktop_id)>;

/// How the application table shows a group of processes: a name and an icon (as DesktopEntry's).
struct ApplicationFace {
    std::string name;
    std::string icon;

    bool operator==(const ApplicationFace&) const = default;
};

/// Returns the face of a group: for an app, the name and icon of its desktop file (whose id is
/// the hint), a generic application icon when the file names none; for an app without one, and
/// for every other kind, its hint (its id when the hint is empty) and the generic icon of its
/// kind (generic_icon).
ApplicationFace face_of(const vitalsd::ApplicationRow& row, const DesktopLookup& lookup);

/// Returns the name of the symbolic icon that stands for a kind of group: an application, a
/// service, a container, a login session, the system; an application's for a kind it does not
/// know.
std::string generic_icon(const std::string& kind);

/// Returns a figure of the group (cpu, memory, ioRead, ...), none when the service left it out.
std::optional<double> figure_of(const vitalsd::ApplicationRow& row, const std::string& figure);

/// Returns a figure as the application table shows it, without its unit when the column's title
/// has it: CPU with one decimal ("12.5"), memory in bytes ("1.2 GiB"), ioRead and ioWrite in
/// bytes a second ("3.0 MiB/s"), processes and the rest as numbers; "—" when the service left it
/// out, as it does where the kernel does not give it.
std::string figure_text(const vitalsd::ApplicationRow& row, const std::string& figure);

}  // namespace vitalsd::monitor
