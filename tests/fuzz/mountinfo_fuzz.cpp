// SPDX-License-Identifier: MIT
// Fuzzes the /proc/PID/mountinfo parser.
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/mounts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<vitalsd::Mount> mounts;
    vitalsd::parse_mountinfo(std::string_view(reinterpret_cast<const char*>(data), size), mounts);
    for (const auto& mount : mounts) {
        if (mount.source.empty()) {
            __builtin_trap();
        }
    }
    return 0;
}
