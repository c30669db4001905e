// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd::ctl {

/// Returns text as a JSON string, quotes included: '"' and '\' escaped, control characters as
/// \n, \t, ... or \u00XX. Other bytes pass as they are (D-Bus strings are valid UTF-8).
std::string json_string(std::string_view text);

/// Returns a double as a JSON number that reads back as the same value; null for NaN and the
/// infinities, which JSON cannot hold.
std::string json_number(double value);

/// Writes one compact JSON document (a single line, for JSON lines too), placing the commas.
/// The caller nests the calls correctly; key() is followed by exactly one value or container.
/// Each call returns the writer, so that calls chain.
class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(std::uint64_t number);
    JsonWriter& value(std::uint32_t number) { return value(std::uint64_t{number}); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    /// Returns the document so far; complete once every container is closed.
    const std::string& text() const { return text_; }

private:
    void before_value();
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);

    std::string text_;
    std::vector<bool> first_in_container_;
    bool after_key_ = false;
};

}  // namespace vitalsd::ctl
