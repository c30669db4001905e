// SPDX-License-Identifier: MIT
// Fuzzes the making of sensor id segments from device names, labels and mount points: a segment
// is one segment of printable ASCII, and an escaped text comes back from unescape_segment.
#include <cstdint>
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto device = vitalsd::id_segment(text);
    if (!text.empty() && (!is_one_segment(device) || device == "all")) {
        __builtin_trap();
    }
    if (vitalsd::unescape_segment(device) != text) {
        __builtin_trap();
    }
    const auto file_system = vitalsd::fs_name(text);
    if (!text.empty() && !is_one_segment(file_system)) {
        __builtin_trap();
    }
    if (text.starts_with('/') && vitalsd::mount_point_of_fs_name(file_system) != text) {
        __builtin_trap();
    }
    vitalsd::unescape_segment(text);
    return 0;
}
