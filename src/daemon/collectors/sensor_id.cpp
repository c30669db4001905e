// SPDX-License-Identifier: MIT
#include "sensor_id.hpp"

namespace vitalsd {
namespace {

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

}  // namespace vitalsd
