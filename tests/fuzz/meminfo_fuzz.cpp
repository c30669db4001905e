// SPDX-License-Identifier: MIT
// Fuzzes the /proc/meminfo parser.
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/memory.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::RawSample> out(11);
    vitalsd::parse_meminfo(std::string_view(reinterpret_cast<const char*>(data), size), out);
    return 0;
}
