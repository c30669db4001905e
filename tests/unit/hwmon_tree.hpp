// SPDX-License-Identifier: MIT
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "fake_clock.hpp"
#include "temp_dir.hpp"

namespace vitalsd::test {

/// A test on a hand-written sys tree of hwmon chips, with a clock for the collectors that read
/// their inputs at most so often.
class HwmonTreeTest : public ::testing::Test {
protected:
    /// Writes the name of the chip <dir>/class/hwmon/<hwmon>.
    void chip(const std::string& hwmon, const std::string& name) const {
        dir.write("class/hwmon/" + hwmon + "/name", name + "\n");
    }

    /// Writes a channel of a chip: <kind>N_<item> with exactly value, and <kind>N_label unless
    /// label is empty.
    void channel(const std::string& hwmon, const std::string& kind, int n, const std::string& value,
                 const std::string& label = "", const std::string& item = "input") const {
        const auto prefix = "class/hwmon/" + hwmon + "/" + kind + std::to_string(n);
        dir.write(prefix + "_" + item, value);
        if (!label.empty()) {
            dir.write(prefix + "_label", label + "\n");
        }
    }

    TempDir dir;
    FakeClock clock;
};

}  // namespace vitalsd::test
