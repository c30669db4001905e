// SPDX-License-Identifier: MIT
// Fuzzes the /proc/net/dev parser and the escaping of the names it finds into id segments.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/network.hpp"
#include "collectors/sensor_id.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::DeviceRow> rows;
    vitalsd::parse_net_dev(std::string_view(reinterpret_cast<const char*>(data), size), rows);
    for (const auto& row : rows) {
        const auto segment = vitalsd::id_segment(row.name);
        const bool printable = std::all_of(segment.begin(), segment.end(), [](char c) {
            return c > 0x20 && c < 0x7f && c != '/' && c != '*';
        });
        if (row.name.empty() || !printable || segment == "all") {
            __builtin_trap();
        }
    }
    return 0;
}
