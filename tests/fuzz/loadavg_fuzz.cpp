// SPDX-License-Identifier: MIT
// Fuzzes the /proc/loadavg parsers: the load averages and the thread count.
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/load.hpp"
#include "collectors/system.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::RawSample> out(3);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    vitalsd::parse_loadavg(text, out);
    vitalsd::parse_thread_count(text);
    return 0;
}
