// SPDX-License-Identifier: MIT
#include "value_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace vitalsd {
namespace {

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    // "-0.0" reads as a fault to a person; a value that small is zero.
    if (std::string_view(buffer).find_first_not_of("-0.") == std::string_view::npos) {
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, 0.0);
    }
    return buffer;
}

// Bytes in powers of 1024; whole bytes below 1 KiB, one decimal above.
Quantity binary_bytes(double value, std::string_view per) {
    static constexpr std::array<const char*, 7> kPrefixes = {"B",   "KiB", "MiB", "GiB",
                                                             "TiB", "PiB", "EiB"};
    std::size_t prefix = 0;
    double scaled = value;
    while (std::fabs(scaled) >= 1024.0 && prefix + 1 < kPrefixes.size()) {
        scaled /= 1024.0;
        ++prefix;
    }
    // 1023.96 KiB would print as "1024.0 KiB": move up a prefix instead.
    if (prefix > 0 && std::fabs(scaled) >= 1023.95 && prefix + 1 < kPrefixes.size()) {
        scaled /= 1024.0;
        ++prefix;
    }
    return {fixed(scaled, prefix == 0 ? 0 : 1), std::string(kPrefixes[prefix]) + std::string(per)};
}

Quantity frequency(double mhz) {
    if (std::fabs(mhz) >= 1000.0) {
        return {fixed(mhz / 1000.0, 2), "GHz"};
    }
    return {fixed(mhz, 0), "MHz"};
}

// Seconds below a minute with one decimal; longer spans in the two largest units that apply.
Quantity duration(double seconds) {
    if (std::fabs(seconds) < 60.0) {
        return {fixed(seconds, 1), "s"};
    }
    const auto whole = static_cast<long long>(std::llround(seconds));
    const auto two_units = [](long long big, const char* big_unit, long long small,
                              const char* small_unit) {
        return Quantity{std::to_string(big) + " " + big_unit + " " + std::to_string(small),
                        small_unit};
    };
    if (whole < 3600) {
        return two_units(whole / 60, "min", whole % 60, "s");
    }
    if (whole < 86400) {
        return two_units(whole / 3600, "h", whole % 3600 / 60, "min");
    }
    return two_units(whole / 86400, "d", whole % 86400 / 3600, "h");
}

// Counts are whole numbers; averages such as the load have two decimals.
Quantity count(double value) {
    if (value == std::trunc(value) && std::fabs(value) < 1e15) {
        return {fixed(value, 0), ""};
    }
    return {fixed(value, 2), ""};
}

}  // namespace

std::string Quantity::text() const {
    return unit.empty() ? number : number + " " + unit;
}

Quantity human_quantity(double value, std::string_view unit) {
    if (std::isnan(value)) {
        return {"n/a", ""};
    }
    if (unit == "B") {
        return binary_bytes(value, "");
    }
    if (unit == "B/s") {
        return binary_bytes(value, "/s");
    }
    if (unit == "%" || unit == "°C" || unit == "W") {
        return {fixed(value, 1), std::string(unit)};
    }
    if (unit == "MHz") {
        return frequency(value);
    }
    if (unit == "s") {
        return duration(value);
    }
    if (unit.empty()) {
        return count(value);
    }
    return {fixed(value, 2), std::string(unit)};
}

std::string human_value(double value, std::string_view unit) {
    return human_quantity(value, unit).text();
}

std::string raw_number(double value) {
    if (std::isnan(value)) {
        return "nan";
    }
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, ec == std::errc{} ? end : buffer);
}

std::string time_of_day(std::uint64_t realtime_usec) {
    const auto seconds = static_cast<std::time_t>(realtime_usec / 1'000'000u);
    std::tm local{};
    localtime_r(&seconds, &local);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%H:%M:%S", &local);
    return buffer;
}

}  // namespace vitalsd
