// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace vitalsd::ctl {

/// Wraps text in ANSI colours, or leaves it as it is when colour is off (piped output,
/// --no-color, NO_COLOR), so that callers write the same code either way.
class Palette {
public:
    explicit Palette(bool enabled) : enabled_(enabled) {}

    // Each returns text in its style, or text as it is when colour is off.
    std::string bold(std::string_view text) const { return wrap("1", text); }
    std::string dim(std::string_view text) const { return wrap("2", text); }
    std::string green(std::string_view text) const { return wrap("32", text); }
    std::string yellow(std::string_view text) const { return wrap("33", text); }
    std::string red(std::string_view text) const { return wrap("31", text); }

    /// Returns text in green below 60 %, yellow below 85 % and red from there: how full a bar is.
    std::string by_level(std::string_view text, double percent) const {
        if (percent >= 85.0) {
            return red(text);
        }
        return percent >= 60.0 ? yellow(text) : green(text);
    }

private:
    std::string wrap(const char* sgr, std::string_view text) const {
        if (!enabled_ || text.empty()) {
            return std::string(text);
        }
        return "\x1b[" + std::string(sgr) + "m" + std::string(text) + "\x1b[0m";
    }

    bool enabled_;
};

}  // namespace vitalsd::ctl
