// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace vitalsd {

/// Returns text as a whole number of the type, or nullopt when it is empty, holds anything else
/// (a sign where the type has none, spaces, a fraction) or does not fit: what a command-line
/// option's value must be.
template <typename Number>
std::optional<Number> whole_number(std::string_view text) {
    Number value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end) {
        return std::nullopt;
    }
    return value;
}

}  // namespace vitalsd
