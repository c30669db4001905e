// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace vitalsd {

/// A sensor argument is an id (cpu/all/usage) or a pattern in which a segment that is exactly
/// "*" matches any one segment (cpu/*/usage).
class SensorPattern {
public:
    /// Throws RequestError(InvalidArgument) for an empty argument, an empty segment, or a '*'
    /// that shares its segment with other characters.
    explicit SensorPattern(std::string_view text);

    bool is_wildcard() const { return wildcard_; }

    /// Returns whether the id matches, segment by segment.
    bool matches(std::string_view id) const;

    /// Returns whether some id matches both this pattern and the other.
    bool overlaps(const SensorPattern& other) const;

private:
    std::string text_;
    bool wildcard_ = false;
};

/// Returns the argument in quotes, shortened so that a huge argument cannot make a huge message.
std::string quoted_for_message(std::string_view argument);

}  // namespace vitalsd
