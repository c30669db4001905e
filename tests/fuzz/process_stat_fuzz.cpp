// SPDX-License-Identifier: MIT
// Fuzzes the /proc/PID/stat parser.
#include <cstdint>
#include <string_view>

#include "collectors/process_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    vitalsd::parse_process_stat(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
