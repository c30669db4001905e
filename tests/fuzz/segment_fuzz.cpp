// SPDX-License-Identifier: MIT
// Fuzzes the escaping of device names and labels into sensor id segments (hwmon names and
// labels, power supply names): an escaped segment is one segment and gives back its text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "collectors/segment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto segment = vitalsd::escape_segment(text);
    if (segment.find('/') != std::string::npos || vitalsd::unescape_segment(segment) != text) {
        std::abort();
    }
    vitalsd::unescape_segment(text);
    return 0;
}
