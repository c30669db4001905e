// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <functional>
#include <string>

namespace vitalsd {

/// Called with the name's previous and new owner (unique names); an empty one means none.
using OwnerChange = std::function<void(const std::string& old_owner, const std::string& new_owner)>;

/// Calls on_change from dispatching whenever the bus says a name changed hands (its
/// NameOwnerChanged signal, matched on the name alone). Watches as long as the returned slot
/// lives. Add the watch before asking who owns the name, or a change in between is missed.
[[nodiscard]] sdbus::Slot watch_name_owner(sdbus::IConnection& connection, const std::string& name,
                                           OwnerChange on_change);

}  // namespace vitalsd
