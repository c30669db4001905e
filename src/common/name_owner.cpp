// SPDX-License-Identifier: MIT
#include "name_owner.hpp"

#include "bus_names.hpp"

namespace vitalsd {

sdbus::Slot watch_name_owner(sdbus::IConnection& connection, const std::string& name,
                             OwnerChange on_change) {
    const std::string match = std::string("type='signal',sender='") + kDBusName + "',path='" +
                              kDBusPath + "',interface='" + kDBusName +
                              "',member='NameOwnerChanged',arg0='" + name + "'";
    return connection.addMatch(match, [on_change = std::move(on_change)](sdbus::Message& message) {
        std::string changed, old_owner, new_owner;
        message >> changed >> old_owner >> new_owner;
        on_change(old_owner, new_owner);
    });
}

}  // namespace vitalsd
