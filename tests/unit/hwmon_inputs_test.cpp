// SPDX-License-Identifier: MIT
#include "collectors/hwmon_inputs.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "fixture_path.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::TempDir;

TEST(AHwmonAttributeName, GivesTheChannelNumberOfItsKindAndItem) {
    EXPECT_EQ(hwmon_channel_number("temp3_input", "temp", "input"), 3u);
    EXPECT_EQ(hwmon_channel_number("fan12_input", "fan", "input"), 12u);
    EXPECT_EQ(hwmon_channel_number("power1_average", "power", "average"), 1u);
    EXPECT_EQ(hwmon_channel_number("in0_input", "in", "input"), 0u);
}

TEST(AHwmonAttributeName, IsNoChannelOfAnotherKindOrItemOrWithoutAPlainNumber) {
    for (const char* file : {"temp3_label", "fan3_input", "temp_input", "temp3input",
                             "temp+3_input", "temp03_input", "temp-1_input", "temp3_crit_input",
                             "temp3_", "temp", "", "temp99999999999_input", "temp3_input_"}) {
        EXPECT_FALSE(hwmon_channel_number(file, "temp", "input")) << file;
    }
}

TEST(AUniqueName, IsTheNameUnlessTakenElseTheFirstFreeNumberedOne) {
    EXPECT_EQ(unique_name("nvme", {}), "nvme");
    EXPECT_EQ(unique_name("nvme", {"nvme"}), "nvme_1");
    EXPECT_EQ(unique_name("nvme", {"nvme", "nvme_1", "acpitz"}), "nvme_2");
}

TEST(TheHwmonChipsOfADesktop, AreInTheOrderOfTheirDevicesPathsAndNumberedByName) {
    const auto hwmon = test::fixture_path("desktop-amd/sys/class/hwmon");
    const auto chips =
        describe_hwmon_chips(hwmon, {"hwmon0", "hwmon1", "hwmon2", "hwmon3", "hwmon4"});
    std::vector<std::string> names;
    for (const auto& chip : chips) {
        names.push_back(chip.id_name);
    }
    // 0000:00:01.1 (hwmon3) before 0000:00:01.2 (hwmon2), platform/ last.
    EXPECT_EQ(names, (std::vector<std::string>{"nvme", "nvme_1", "amdgpu", "k10temp", "nct6798"}));
    EXPECT_EQ(chips[0].dir, hwmon + "/hwmon3");
    EXPECT_EQ(chips[1].name, "nvme");
}

TEST(TheHwmonChips, AreNumberedOverEveryChipOfTheNameWhateverItMeasures) {
    TempDir dir;
    dir.write("class/hwmon/hwmon0/name", "nct6775\n");  // fans only
    dir.write("class/hwmon/hwmon0/fan1_input", "900\n");
    dir.write("class/hwmon/hwmon1/name", "nct6775\n");
    dir.write("class/hwmon/hwmon1/temp1_input", "30000\n");
    HwmonInputs temperatures(dir.path(), "temp", {"input"});
    ASSERT_EQ(temperatures.inputs().size(), 1u);
    EXPECT_EQ(temperatures.chips()[temperatures.inputs()[0].chip].id_name, "nct6775_1")
        << "the same chip has the same name for its fans and its temperatures";
}

TEST(TheHwmonChips, AreNamedAfterTheirEntryWithoutANameFile) {
    TempDir dir;
    dir.write("class/hwmon/hwmon7/temp1_input", "30000\n");
    const auto chips = describe_hwmon_chips(dir.path() + "/class/hwmon", {"hwmon7"});
    ASSERT_EQ(chips.size(), 1u);
    EXPECT_EQ(chips[0].name, "hwmon7");
}

TEST(HwmonInputs, TakeTheFirstItemAChannelHasAndReadWhatTheFilesSay) {
    TempDir dir;
    dir.write("class/hwmon/hwmon0/name", "power_meter\n");
    dir.write("class/hwmon/hwmon0/power1_average", "345000000\n");
    dir.write("class/hwmon/hwmon0/power2_input", "1000000\n");
    dir.write("class/hwmon/hwmon0/power2_average", "2000000\n");
    dir.write("class/hwmon/hwmon0/power3_input", "garbage\n");
    HwmonInputs inputs(dir.path(), "power", {"input", "average"});
    ASSERT_EQ(inputs.inputs().size(), 3u);
    inputs.read();
    EXPECT_EQ(inputs.values()[0], 345000000.0);
    EXPECT_EQ(inputs.values()[1], 1000000.0) << "input before average";
    EXPECT_TRUE(std::isnan(inputs.values()[2]));
}

TEST(HwmonInputs, KeepOnlyWhatTheFilterKeeps) {
    TempDir dir;
    dir.write("class/hwmon/hwmon0/name", "amdgpu\n");
    dir.write("class/hwmon/hwmon0/power1_average", "45000000\n");
    dir.write("class/hwmon/hwmon1/name", "power_meter\n");
    dir.write("class/hwmon/hwmon1/power1_average", "345000000\n");
    HwmonInputs inputs(
        dir.path(), "power", {"average"},
        [](const HwmonChip& chip, const HwmonChannel&) { return chip.name == "power_meter"; });
    ASSERT_EQ(inputs.inputs().size(), 1u);
    inputs.read();
    EXPECT_EQ(inputs.values()[0], 345000000.0);
}

}  // namespace
}  // namespace vitalsd
