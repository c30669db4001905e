// SPDX-License-Identifier: MIT
// Fuzzes the cpu.stat parser: its usage is a number of microseconds that the text holds after
// "usage_usec", or missing.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "collectors/cgroup_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const double usec = vitalsd::parse_cpu_usage_usec(text);
    if (std::isnan(usec)) {
        return 0;
    }
    if (!(usec >= 0) || std::isinf(usec) || text.find("usage_usec") == std::string_view::npos) {
        __builtin_trap();
    }
    return 0;
}
