// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace vitalsd::parse {

/// Splits off the line before the next '\n' (the last line may lack one).
inline std::string_view next_line(std::string_view& text) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    return line;
}

constexpr bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

/// Splits off the next field separated by spaces or tabs; empty when none is left.
/// A plain loop: find_first_of(" \t") calls memchr on the set for every character, which was a
/// fifth of a tick's instructions.
inline std::string_view next_field(std::string_view& text) {
    std::size_t start = 0;
    while (start < text.size() && is_blank(text[start])) {
        ++start;
    }
    if (start == text.size()) {
        text = {};
        return {};
    }
    std::size_t end = start + 1;
    while (end < text.size() && !is_blank(text[end])) {
        ++end;
    }
    const auto field = text.substr(start, end - start);
    text.remove_prefix(end);
    return field;
}

/// Returns the field at index (0: the next one) of the fields separated by spaces or tabs; empty
/// when there are fewer. For the tables whose columns are known by position (net/dev, diskstats).
inline std::string_view nth_field(std::string_view text, std::size_t index) {
    auto field = next_field(text);
    for (std::size_t i = 0; i < index && !field.empty(); ++i) {
        field = next_field(text);
    }
    return field;
}

/// Returns the text without the spaces, tabs and newlines at either end (a sysfs value ends in
/// '\n').
inline std::string_view trimmed(std::string_view text) {
    const auto start = text.find_first_not_of(" \t\n");
    if (start == std::string_view::npos) {
        return {};
    }
    const auto end = text.find_last_not_of(" \t\n");
    return text.substr(start, end - start + 1);
}

/// Returns the whole field as a number, or nullopt when it is not one.
template <typename Number>
std::optional<Number> number(std::string_view field) {
    Number value{};
    const auto* end = field.data() + field.size();
    const auto [ptr, ec] = std::from_chars(field.data(), end, value);
    if (ec != std::errc{} || ptr != end || field.empty()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace vitalsd::parse
