// SPDX-License-Identifier: MIT
// Fuzzes the /proc/loadavg parser.
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::RawSample> out(3);
    vitalsd::parse_loadavg(std::string_view(reinterpret_cast<const char*>(data), size), out);
    return 0;
}
