// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsctl {

struct TerminalSize {
    std::size_t columns = 80;
    std::size_t rows = 24;
};

/// Returns whether standard output is a terminal (else it is piped or redirected).
bool stdout_is_terminal();

/// Returns the size of the terminal on standard output; 80 × 24 when it cannot be told.
TerminalSize terminal_size();

/// Returns whether to colour: asked for (no --no-color), standard output a terminal, NO_COLOR
/// unset and TERM not "dumb" (https://no-color.org).
bool color_wanted(bool asked);

/// Writes all of text to standard output at once and flushes it. Throws std::system_error.
void write_out(std::string_view text);

/// Redraws a block of lines in place on the terminal, each frame over the previous one, with
/// cursor movements rather than scrolling; the cursor is hidden while it lives.
class InPlaceScreen {
public:
    InPlaceScreen();
    ~InPlaceScreen();
    InPlaceScreen(const InPlaceScreen&) = delete;
    InPlaceScreen& operator=(const InPlaceScreen&) = delete;

    /// Replaces the previous frame with lines, which must each fit the terminal's width and be
    /// fewer than its rows (or the terminal would wrap or scroll and the next frame land lower).
    void draw(const std::vector<std::string>& lines);

    /// Clears the screen and draws the next frame from the top: after a resize, when the
    /// terminal may have re-wrapped the old frame.
    void clear();

private:
    std::size_t drawn_lines_ = 0;
};

}  // namespace vitalsctl
