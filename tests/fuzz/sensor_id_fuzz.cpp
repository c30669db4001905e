// SPDX-License-Identifier: MIT
// Fuzzes the making of sensor id segments from device names, labels and mount points: a segment
// is one segment of printable ASCII, and reading its %XX escapes back gives the text again, so
// distinct names never share a segment.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "collectors/disk_file_systems.hpp"
#include "collectors/sensor_id.hpp"

namespace {

bool is_one_segment(std::string_view segment) {
    for (const char c : segment) {
        if (c == '/' || c == '*' || c <= 0x20 || c >= 0x7f) {
            return false;
        }
    }
    return !segment.empty();
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// The text an escaped segment stands for, nullopt when a '%' lacks two upper-case hex digits.
std::optional<std::string> unescaped(std::string_view segment) {
    std::string text;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        if (segment[i] != '%') {
            text.push_back(segment[i]);
            continue;
        }
        if (i + 2 >= segment.size() || hex_value(segment[i + 1]) < 0 ||
            hex_value(segment[i + 2]) < 0) {
            return std::nullopt;
        }
        text.push_back(
            static_cast<char>(hex_value(segment[i + 1]) * 16 + hex_value(segment[i + 2])));
        i += 2;
    }
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto device = vitalsd::id_segment(text);
    if (!text.empty() && (!is_one_segment(device) || device == "all")) {
        __builtin_trap();
    }
    if (unescaped(device) != text) {
        __builtin_trap();
    }
    const auto file_system = vitalsd::fs_name(text);
    if (!text.empty() && !is_one_segment(file_system)) {
        __builtin_trap();
    }
    if (text.starts_with('/') && text != "/" &&
        (file_system == "root" || unescaped(file_system) != text.substr(1))) {
        __builtin_trap();
    }
    return 0;
}
