// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd {

/// Returns text made into one segment of a sensor id: the bytes A-Z, a-z, 0-9, '.', '_' and '-'
/// stay as they are, every other byte (a '/', a space, a '%', each byte of a UTF-8 character)
/// becomes '%' and two upper-case hex digits: "Package id 0" gives "Package%20id%200". The
/// escaping is reversible (unescape_segment) and the result is plain ASCII, which a bus accepts.
std::string escape_segment(std::string_view text);

/// Returns the text a segment was made from by escape_segment, or nullopt when the segment holds
/// a '%' that is not followed by two hex digits.
std::optional<std::string> unescape_segment(std::string_view segment);

/// Returns name when no earlier device took it, else name_1, name_2, ...: the first name not in
/// taken. The caller adds the result to taken.
std::string unique_name(const std::string& name, const std::vector<std::string>& taken);

}  // namespace vitalsd
