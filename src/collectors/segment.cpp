// SPDX-License-Identifier: MIT
#include "segment.hpp"

#include <algorithm>
#include <cstdint>

namespace vitalsd {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool kept_as_is(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

// Returns the length of the valid UTF-8 character at the start of text, 0 when it is not one:
// RFC 3629, so no overlong forms, no surrogates and nothing above U+10FFFF.
std::size_t utf8_length(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[i]); };
    const std::uint8_t lead = byte(0);
    if (lead < 0x80) {
        return 1;
    }
    std::size_t length = 0;
    std::uint8_t low = 0x80;   // the range of the second byte, narrowed for the lead bytes that
    std::uint8_t high = 0xBF;  // would otherwise allow overlong forms or surrogates
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (text.size() < length || byte(1) < low || byte(1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) {
            return 0;
        }
    }
    return length;
}

}  // namespace

std::string escape_segment(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (kept_as_is(c)) {
            out += c;
        } else {
            const auto byte = static_cast<std::uint8_t>(c);
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

std::optional<std::string> unescape_segment(std::string_view segment) {
    std::string out;
    out.reserve(segment.size());
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            out += segment[i];
            continue;
        }
        if (i + 2 >= segment.size()) {
            return std::nullopt;
        }
        const int high = hex_value(segment[i + 1]);
        const int low = hex_value(segment[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string unique_name(const std::string& name, const std::vector<std::string>& taken) {
    const auto is_taken = [&](const std::string& candidate) {
        return std::find(taken.begin(), taken.end(), candidate) != taken.end();
    };
    if (!is_taken(name)) {
        return name;
    }
    for (std::size_t n = 1;; ++n) {
        auto candidate = name + "_" + std::to_string(n);
        if (!is_taken(candidate)) {
            return candidate;
        }
    }
}

std::string readable_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const std::size_t length = utf8_length(text);
        if (length == 0 ||
            (length == 1 && (static_cast<std::uint8_t>(text[0]) < 0x20 || text[0] == 0x7F))) {
            out += '?';
            text.remove_prefix(1);
            continue;
        }
        out.append(text.substr(0, length));
        text.remove_prefix(length);
    }
    return out;
}

}  // namespace vitalsd
