// SPDX-License-Identifier: MIT
// Fuzzes the /proc/uptime parser.
#include <cstdint>
#include <string_view>

#include "collectors/system.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vitalsd::parse_uptime(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
