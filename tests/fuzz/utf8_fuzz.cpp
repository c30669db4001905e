// SPDX-License-Identifier: MIT
// Fuzzes the UTF-8 repair: whatever goes in, what comes out must be valid and the valid must
// pass through unchanged.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto repaired = vitalsd::to_valid_utf8(text);
    if (!vitalsd::is_valid_utf8(repaired) || (vitalsd::is_valid_utf8(text) && repaired != text)) {
        std::abort();
    }
    return 0;
}
