// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace vitalsd
