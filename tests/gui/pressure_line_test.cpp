// SPDX-License-Identifier: MIT
#include "pressure_line.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vitalsd::monitor {
namespace {

TEST(APressureLine, SaysEachShareOnceAnyTaskWaits) {
    EXPECT_EQ(
        pressure_line({{"pressure/cpu/some", 12.46},
                       {"pressure/memory/some", 0},
                       {"pressure/io/some", 0.3},
                       {"pressure/cpu/full", 50},
                       {"cpu/all/usage", 80}}),
        (std::vector<PressureShare>{{"CPU", "12.5 %"}, {"Memory", "0.0 %"}, {"I/O", "0.3 %"}}));
}

TEST(APressureLine, SaysNothingWhileEveryShareReadsZero) {
    EXPECT_EQ(
        pressure_line(
            {{"pressure/cpu/some", 0}, {"pressure/memory/some", 0.04}, {"pressure/io/some", 0}}),
        std::vector<PressureShare>{});
    // The full shares are not the line's: a task of all of them waiting is some waiting too.
    EXPECT_EQ(pressure_line({{"pressure/io/some", 0}, {"pressure/io/full", 3}}),
              std::vector<PressureShare>{});
}

TEST(APressureLine, SaysNothingWithoutPressureSensors) {
    // A kernel without CONFIG_PSI has no /proc/pressure.
    EXPECT_EQ(pressure_line({}), std::vector<PressureShare>{});
    EXPECT_EQ(pressure_line({{"cpu/all/usage", 80}}), std::vector<PressureShare>{});
}

TEST(APressureLine, LeavesOutWhatItHasNoValueFor) {
    EXPECT_EQ(pressure_line({{"pressure/cpu/some", NAN}, {"pressure/io/some", 1}}),
              (std::vector<PressureShare>{{"I/O", "1.0 %"}}));
}

}  // namespace
}  // namespace vitalsd::monitor
