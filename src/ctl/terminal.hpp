// SPDX-License-Identifier: MIT
#pragma once

#include <termios.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd::ctl {

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

/// What becomes of the keys typed while a program draws.
enum class Keys {
    Ignored,  ///< dropped when it ends
    Read,     ///< passed on one at a time as typed, without waiting for Enter, for read_keys()
};

/// While it lives, keys typed on the terminal of standard input are not echoed: the terminal
/// would print them (and ^C) wherever the cursor is, in the middle of a frame. Ctrl-C still
/// interrupts. Nothing changes when standard input is not a terminal, or when this process runs
/// in its background.
class KeyEchoOff {
public:
    explicit KeyEchoOff(Keys keys = Keys::Ignored);
    ~KeyEchoOff();
    KeyEchoOff(const KeyEchoOff&) = delete;
    KeyEchoOff& operator=(const KeyEchoOff&) = delete;

    /// Whether keys can be read one at a time: Keys::Read was asked for and the terminal's
    /// settings could be changed.
    bool reads_keys() const { return reads_keys_; }

private:
    std::optional<termios> saved_;  // the settings to restore
    bool reads_keys_ = false;
};

/// Returns the keys typed since the last call, read from standard input once poll() has found
/// it readable; nullopt when it has ended (the terminal hung up).
std::optional<std::string> read_keys();

/// Redraws a block of lines in place on the terminal, each frame over the previous one, with
/// cursor movements rather than scrolling; the cursor is hidden and typed keys are not echoed
/// while it lives, and kept for the program as keys says.
class InPlaceScreen {
public:
    explicit InPlaceScreen(Keys keys = Keys::Ignored);
    ~InPlaceScreen();
    InPlaceScreen(const InPlaceScreen&) = delete;
    InPlaceScreen& operator=(const InPlaceScreen&) = delete;

    /// Replaces the previous frame with lines, which must each fit the terminal's width and be
    /// fewer than its rows (or the terminal would wrap or scroll and the next frame land lower).
    void draw(const std::vector<std::string>& lines);

    /// Clears the screen and draws the next frame from the top: after a resize, when the
    /// terminal may have re-wrapped the old frame.
    void clear();

    /// Whether the program can read the keys typed (see KeyEchoOff::reads_keys()).
    bool reads_keys() const { return echo_off_.reads_keys(); }

private:
    KeyEchoOff echo_off_;
    std::size_t drawn_lines_ = 0;
};

}  // namespace vitalsd::ctl
