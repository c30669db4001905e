// SPDX-License-Identifier: MIT
// Fuzzes the /proc/diskstats parser.
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/disk.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::DeviceRow> rows;
    vitalsd::parse_diskstats(std::string_view(reinterpret_cast<const char*>(data), size), rows);
    for (const auto& row : rows) {
        if (row.name.empty() || row.bytes[0] < 0 || row.bytes[1] < 0) {
            __builtin_trap();
        }
    }
    return 0;
}
