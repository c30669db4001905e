// SPDX-License-Identifier: MIT
#include "sensor_id.hpp"

namespace vitalsd {

std::string id_segment(std::string_view name) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string segment;
    segment.reserve(name.size());
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        const bool kept = byte > 0x20 && byte < 0x7f && c != '%' && c != '*' && c != '/';
        if (kept) {
            segment.push_back(c);
        } else {
            segment.push_back('%');
            segment.push_back(kHex[byte >> 4]);
            segment.push_back(kHex[byte & 0xf]);
        }
    }
    if (segment == "all") {
        segment = "%61ll";  // 'a': the total has this segment to itself
    }
    return segment;
}

}  // namespace vitalsd
