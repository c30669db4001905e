// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "value_format.hpp"

namespace vitalsd::ctl {

enum class Align { Left, Right };

/// Returns how many terminal cells text takes: one per UTF-8 character, none for the bytes of
/// an ANSI escape sequence (colours). Wide characters (CJK, emoji) count as one.
std::size_t display_width(std::string_view text);

/// Returns text cut to at most width cells, ending in "…" when something was cut. Meant for
/// plain text: escape sequences are not kept whole.
std::string fit_width(std::string_view text, std::size_t width);

/// Returns text with each control character shown as '?': a command line or a cgroup's name may
/// hold any byte but NUL, and a control character would move the cursor or clear the screen.
std::string printable(std::string text);

/// Returns text padded with spaces to width cells, on the right (Left) or the left (Right).
std::string pad(std::string_view text, std::size_t width, Align align = Align::Left);

/// Returns the rows as lines with each column as wide as its widest cell, columns separated by
/// gap spaces and aligned as aligns says (Left for columns it does not name). Trailing spaces
/// are dropped, so a left-aligned last column is not padded.
std::vector<std::string> align_columns(const std::vector<std::vector<std::string>>& rows,
                                       const std::vector<Align>& aligns, std::size_t gap = 2);

/// Returns the lines as one text, each ended by a newline.
std::string as_text(const std::vector<std::string>& lines);

/// Returns each quantity as text with the numbers right-aligned to the widest and one space
/// before the unit, so that a column of them lines up on numbers and units alike.
std::vector<std::string> aligned_quantities(const std::vector<Quantity>& quantities);

}  // namespace vitalsd::ctl
