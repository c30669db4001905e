// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace vitalsd {

/// What the client asks the bus itself (org.freedesktop.DBus) about the service's name. Nothing
/// here activates the service except start_service().
class BusDaemon {
public:
    explicit BusDaemon(sdbus::IConnection& connection);

    /// Returns the unique name (":1.42") that owns the service's name now, none when nobody
    /// does. Throws sdbus::Error when the bus fails.
    std::optional<std::string> service_owner();

    /// Returns the process id behind a unique name. Throws sdbus::Error (NameHasNoOwner) when
    /// that connection has gone.
    std::uint32_t pid_of(const std::string& unique_name);

    /// Asks the bus to start the service (StartServiceByName) and waits until it owns its
    /// name; returns false when it was running already. Throws sdbus::Error.
    bool start_service();

    /// Calls on_change(old_owner, new_owner) from dispatching whenever the service's name
    /// changes hands; an empty owner means none. Watches as long as the returned slot lives.
    [[nodiscard]] sdbus::Slot watch_service_owner(
        std::function<void(const std::string& old_owner, const std::string& new_owner)> on_change);

private:
    sdbus::IConnection& connection_;
    std::unique_ptr<sdbus::IProxy> bus_;
};

}  // namespace vitalsd
