// SPDX-License-Identifier: MIT
// Fuzzes the parser of the system-wide counters of /proc/stat (ctxt, intr, processes,
// procs_running).
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/system.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::RawSample> out(4);
    vitalsd::parse_system_stat(std::string_view(reinterpret_cast<const char*>(data), size), out);
    return 0;
}
