// SPDX-License-Identifier: MIT
// Fuzzes the parser of ZFS's arcstats: the ARC's size and its minimum.
#include <cstdint>
#include <string_view>

#include "collectors/memory.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vitalsd::parse_arcstats(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
