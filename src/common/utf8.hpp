// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace vitalsd {

/// Returns whether text is well-formed UTF-8 (no overlong forms, surrogates or code points past
/// U+10FFFF), which D-Bus requires of every string it carries.
bool is_valid_utf8(std::string_view text);

/// Returns text with every byte that is not part of a well-formed UTF-8 sequence replaced by
/// U+FFFD: kernel strings (process names, command lines, device labels) are bytes, not text.
std::string to_valid_utf8(std::string_view text);

}  // namespace vitalsd
