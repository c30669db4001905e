// SPDX-License-Identifier: MIT
// Fuzzes the io.stat parser: the bytes read and written are both missing, or both counts that
// the text's rbytes= and wbytes= fields hold.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "collectors/cgroup_files.hpp"

namespace {

bool is_count(double value) {
    return value >= 0 && !std::isinf(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto bytes = vitalsd::parse_io_stat(text);
    if (std::isnan(bytes.read) != std::isnan(bytes.written)) {
        __builtin_trap();
    }
    if (std::isnan(bytes.read)) {
        return 0;
    }
    if (!is_count(bytes.read) || !is_count(bytes.written) ||
        (bytes.read > 0 && text.find("rbytes=") == std::string_view::npos) ||
        (bytes.written > 0 && text.find("wbytes=") == std::string_view::npos)) {
        __builtin_trap();
    }
    return 0;
}
