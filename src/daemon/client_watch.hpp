// SPDX-License-Identifier: MIT
#pragma once

#include <sdbus-c++/sdbus-c++.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace vitalsd {

/// Tells when a client's connection to the bus goes away (exit, crash, disconnect).
class ClientWatch {
public:
    /// on_vanished is called from the loop with the client's unique name.
    ClientWatch(sdbus::IConnection& connection,
                std::function<void(const std::string&)> on_vanished);

    /// Starts watching a unique name; returns false when it has already gone. The match is in
    /// place before the bus is asked, so a client that leaves in between is never missed.
    bool watch(const std::string& name);

    void unwatch(const std::string& name);

private:
    sdbus::IConnection& connection_;
    std::unique_ptr<sdbus::IProxy> bus_;
    std::function<void(const std::string&)> on_vanished_;
    std::map<std::string, sdbus::Slot> matches_;
};

}  // namespace vitalsd
