// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vitalsd::test {

/// A tiny terminal: replays what a program wrote to a terminal of a given height (text,
/// newlines, carriage returns, cursor up, clear line, clear below, colours ignored) and keeps
/// the screen and how often it scrolled. Enough to tell a dashboard redrawn in place from one
/// that scrolls.
class ScreenModel {
public:
    explicit ScreenModel(std::size_t rows) : screen_(rows) {}

    void feed(std::string_view output);

    /// The screen's lines, trailing spaces dropped.
    const std::vector<std::string>& screen() const { return screen_; }

    /// How many lines scrolled off the top so far.
    std::size_t scrolled() const { return scrolled_; }

    /// The lowest row the cursor has been on (0 is the top).
    std::size_t lowest_row() const { return lowest_row_; }

    /// How many cursor-up sequences there were.
    std::size_t cursor_ups() const { return cursor_ups_; }

private:
    void line_feed();

    std::vector<std::string> screen_;  // one string a row; cells are UTF-8 characters
    std::size_t row_ = 0;
    std::size_t column_ = 0;
    std::size_t scrolled_ = 0;
    std::size_t lowest_row_ = 0;
    std::size_t cursor_ups_ = 0;
};

}  // namespace vitalsd::test
