// SPDX-License-Identifier: MIT
#pragma once

namespace vitalsd {

/// The bus the service serves on and its clients call it on: the user's session bus or the
/// system bus.
enum class BusChoice { User, System };

/// Returns "session" or "system".
inline const char* bus_label(BusChoice bus) {
    return bus == BusChoice::System ? "system" : "session";
}

}  // namespace vitalsd
