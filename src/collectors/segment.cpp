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

}  // namespace vitalsd
