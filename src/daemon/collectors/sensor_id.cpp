// SPDX-License-Identifier: MIT
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

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

bool kept_in_device_names(unsigned char byte) {
    return byte > 0x20 && byte < 0x7f && byte != '*' && byte != '/';
}

}  // namespace

std::string escape_bytes(std::string_view text, bool (*keep)(unsigned char byte)) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string segment;
    segment.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte != '%' && keep(byte)) {
            segment.push_back(c);
        } else {
            segment.push_back('%');
            segment.push_back(kHex[byte >> 4]);
            segment.push_back(kHex[byte & 0xf]);
        }
    }
    return segment;
}

std::string id_segment(std::string_view name) {
    auto segment = escape_bytes(name, kept_in_device_names);
    if (segment == "all") {
        segment = "%61ll";  // 'a': the total has this segment to itself
    }
    return segment;
}

std::optional<std::string> unescape_segment(std::string_view segment) {
    std::string text;
    text.reserve(segment.size());
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            text.push_back(segment[i]);
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
        text.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return text;
}

}  // namespace vitalsd
