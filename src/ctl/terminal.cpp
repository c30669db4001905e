// SPDX-License-Identifier: MIT
#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <system_error>

namespace vitalsd::ctl {
namespace {

constexpr const char* kHideCursor = "\x1b[?25l";
constexpr const char* kShowCursor = "\x1b[?25h";
constexpr const char* kClearLineRight = "\x1b[K";
constexpr const char* kClearBelow = "\x1b[J";
constexpr const char* kHomeAndClear = "\x1b[H\x1b[2J";

}  // namespace

bool stdout_is_terminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}

TerminalSize terminal_size() {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0) {
        return {};
    }
    return {size.ws_col, size.ws_row};
}

bool color_wanted(bool asked) {
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return asked && stdout_is_terminal() && (no_color == nullptr || *no_color == '\0') &&
           !(term != nullptr && std::string_view(term) == "dumb");
}

void write_out(std::string_view text) {
    std::fflush(stdout);  // what stdio still holds goes first
    while (!text.empty()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::system_error(errno, std::generic_category(), "writing to standard output");
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

KeyEchoOff::KeyEchoOff(Keys keys) {
    termios settings{};
    // Only in the terminal's foreground: a background job that changed the settings would be
    // stopped (SIGTTOU), where it may now draw, and one that read would be stopped (SIGTTIN).
    if (::tcgetattr(STDIN_FILENO, &settings) != 0 || ::tcgetpgrp(STDIN_FILENO) != ::getpgrp()) {
        return;
    }
    saved_ = settings;
    settings.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    if (keys == Keys::Read) {
        // Each key as it comes, without the line editing that holds keys until Enter; ISIG
        // stays, so that Ctrl-C still sends SIGINT.
        settings.c_lflag &= ~static_cast<tcflag_t>(ICANON);
        settings.c_cc[VMIN] = 1;
        settings.c_cc[VTIME] = 0;
    }
    reads_keys_ = ::tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 && keys == Keys::Read;
}

KeyEchoOff::~KeyEchoOff() {
    if (saved_) {
        // What was typed meanwhile is dropped with it, rather than left for the shell to run.
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &*saved_);
    }
}

std::optional<std::string> read_keys() {
    char keys[64];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, keys, sizeof keys);
        if (n > 0) {
            return std::string(keys, static_cast<std::size_t>(n));
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return n < 0 && errno == EAGAIN ? std::optional<std::string>("") : std::nullopt;
    }
}

InPlaceScreen::InPlaceScreen(Keys keys) : echo_off_(keys) {
    write_out(kHideCursor);
}

InPlaceScreen::~InPlaceScreen() {
    try {
        write_out(kShowCursor);
    } catch (const std::system_error&) {
        // The terminal has gone: nothing left to restore.
    }
}

void InPlaceScreen::draw(const std::vector<std::string>& lines) {
    std::string frame;
    // The cursor rests at the start of the line below the previous frame.
    if (drawn_lines_ > 0) {
        frame += "\r\x1b[" + std::to_string(drawn_lines_) + "A";
    }
    for (const auto& line : lines) {
        frame += line;
        frame += kClearLineRight;
        frame += '\n';
    }
    frame += kClearBelow;
    write_out(frame);
    drawn_lines_ = lines.size();
}

void InPlaceScreen::clear() {
    write_out(kHomeAndClear);
    drawn_lines_ = 0;
}

}  // namespace vitalsd::ctl
