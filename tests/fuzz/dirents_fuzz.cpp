// SPDX-License-Identifier: MIT
// Fuzzes the count of pid entries in a getdents64 buffer.
#include <cstddef>
#include <cstdint>
#include <span>

#include "collectors/process_count.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto count =
        vitalsd::count_numeric_entries(std::span(reinterpret_cast<const std::byte*>(data), size));
    if (count > size / 20) {  // every record holds at least its 19-byte head and a name
        __builtin_trap();
    }
    return 0;
}
