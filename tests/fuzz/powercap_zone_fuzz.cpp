// SPDX-License-Identifier: MIT
// Fuzzes what the RAPL collector reads: the zones' entry names in class/powercap (a zone is found
// only in a name that writing it back makes again), their name files, and the arithmetic of a
// counter that wraps, on three numbers in the input (never negative; never more than the range
// for readings within it).
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "collectors/parse.hpp"
#include "collectors/rapl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto zone = vitalsd::parse_rapl_zone(text)) {
        auto again = "intel-rapl:" + std::to_string(zone->zone);
        if (zone->subzone) {
            again += ":" + std::to_string(*zone->subzone);
        }
        if (again != text) {
            __builtin_trap();
        }
    }
    vitalsd::rapl_domain(text);

    const auto previous = vitalsd::parse::number<double>(vitalsd::parse::next_field(text));
    const auto current = vitalsd::parse::number<double>(vitalsd::parse::next_field(text));
    const auto range = vitalsd::parse::number<double>(vitalsd::parse::next_field(text));
    if (!previous || !current || !range || !std::isfinite(*previous) || !std::isfinite(*current) ||
        !std::isfinite(*range)) {
        return 0;
    }
    const double increase = vitalsd::wrapped_increase(*previous, *current, *range);
    const bool within =
        *previous >= 0 && *current >= 0 && *previous <= *range && *current <= *range;
    if (!(increase >= 0) || (within && increase > *range)) {
        __builtin_trap();
    }
    return 0;
}
