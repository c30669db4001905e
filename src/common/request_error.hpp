// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

#include "bus_names.hpp"

namespace vitalsd {

/// A request the service refuses. The D-Bus layer turns each kind into a named error; nothing
/// has changed when one is thrown.
class RequestError : public std::runtime_error {
public:
    enum class Kind { UnknownSensor, InvalidArgument, LimitExceeded };

    RequestError(Kind kind, const std::string& message)
        : std::runtime_error(message), kind_(kind) {}

    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

/// Returns the D-Bus error name of a kind of refusal: io.github.vitalsd.Error.UnknownSensor,
/// .InvalidArgument or .LimitExceeded, as the interface documents them.
inline std::string bus_error_name(RequestError::Kind kind) {
    switch (kind) {
        case RequestError::Kind::UnknownSensor:
            return std::string(kErrorPrefix) + "UnknownSensor";
        case RequestError::Kind::InvalidArgument:
            return std::string(kErrorPrefix) + "InvalidArgument";
        case RequestError::Kind::LimitExceeded:
            return std::string(kErrorPrefix) + "LimitExceeded";
    }
    return "org.freedesktop.DBus.Error.Failed";
}

}  // namespace vitalsd
