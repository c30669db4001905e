// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd {

/// A value scaled for a person: the number and the unit apart, so that columns can align them.
struct Quantity {
    std::string number;  ///< "3.2", "512", "n/a"
    std::string unit;    ///< "GiB", "MiB/s", "°C", "%", "" for counts

    /// Returns "3.2 GiB", or the number alone when there is no unit.
    std::string text() const;
};

/// Returns the value in the service's unit ("%", "B", "B/s", "°C", "MHz", "W", "s", "" for
/// counts) scaled for reading: bytes in binary multiples (3.2 GiB, 12.5 MiB/s), one decimal for
/// percentages and temperatures, frequencies in MHz or GHz, seconds as s, min, h or d, whole
/// counts without decimals. NaN gives "n/a"; an unknown unit is kept as it is.
Quantity human_quantity(double value, std::string_view unit);

/// Returns human_quantity(value, unit).text().
std::string human_value(double value, std::string_view unit);

/// Returns the shortest text that reads back as exactly the same double ("25276502016", "0.49"),
/// "nan" for NaN: for --raw, where scripts read the numbers.
std::string raw_number(double value);

/// Returns the local time of day of a CLOCK_REALTIME timestamp in microseconds, as HH:MM:SS.
std::string time_of_day(std::uint64_t realtime_usec);

}  // namespace vitalsd
