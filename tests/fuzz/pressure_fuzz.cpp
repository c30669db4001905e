// SPDX-License-Identifier: MIT
// Fuzzes the /proc/pressure parser: the stall totals of the some and full lines.
#include <cstdint>
#include <string_view>

#include "collectors/pressure.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vitalsd::parse_pressure(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
