// SPDX-License-Identifier: MIT
#include "client_watch.hpp"

#include "bus_names.hpp"
#include "name_owner.hpp"

namespace vitalsd {

ClientWatch::ClientWatch(sdbus::IConnection& connection,
                         std::function<void(const std::string&)> on_vanished)
    : connection_(connection),
      bus_(sdbus::createProxy(connection, kDBusName, kDBusPath)),
      on_vanished_(std::move(on_vanished)) {}

bool ClientWatch::watch(const std::string& name) {
    if (matches_.contains(name)) {
        return true;
    }
    auto slot = watch_name_owner(connection_, name,
                                 [this, name](const std::string&, const std::string& new_owner) {
                                     if (new_owner.empty()) {
                                         on_vanished_(name);
                                     }
                                 });
    bool has_owner = false;
    bus_->callMethod("NameHasOwner")
        .onInterface(kDBusName)
        .withArguments(name)
        .storeResultsTo(has_owner);
    if (!has_owner) {
        return false;
    }
    matches_.emplace(name, std::move(slot));
    return true;
}

void ClientWatch::unwatch(const std::string& name) {
    matches_.erase(name);
}

}  // namespace vitalsd
