// SPDX-License-Identifier: MIT
// Fuzzes the reading of hwmon attribute names (<kind>N_<item>): a number is found only in a name
// that writing the number back makes again, so two files never give one channel.
#include <cstdint>
#include <string>
#include <string_view>

#include "collectors/hwmon_inputs.hpp"

namespace {

void check(std::string_view file, std::string_view kind, std::string_view item) {
    const auto number = vitalsd::hwmon_channel_number(file, kind, item);
    if (number && std::string(kind) + std::to_string(*number) + "_" + std::string(item) != file) {
        __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const char* kind : {"temp", "fan", "power", "in", ""}) {
        for (const char* item : {"input", "average", "label", ""}) {
            check(text, kind, item);
        }
    }
    return 0;
}
