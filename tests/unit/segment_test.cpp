// SPDX-License-Identifier: MIT
#include "collectors/segment.hpp"

#include <gtest/gtest.h>

#include <string>

namespace vitalsd {
namespace {

TEST(EscapeSegment, KeepsLettersDigitsDotsUnderscoresAndDashes) {
    EXPECT_EQ(escape_segment("nvme_1.fan-2"), "nvme_1.fan-2");
    EXPECT_EQ(escape_segment("Composite"), "Composite");
}

TEST(EscapeSegment, EscapesSlashesSpacesPercentsAndEveryOtherByte) {
    EXPECT_EQ(escape_segment("Package id 0"), "Package%20id%200");
    EXPECT_EQ(escape_segment("a/b"), "a%2Fb");
    EXPECT_EQ(escape_segment("100%"), "100%25");
    EXPECT_EQ(escape_segment("*"), "%2A");
    EXPECT_EQ(escape_segment("é"), "%C3%A9");
    EXPECT_EQ(escape_segment(std::string("a\0b", 3)), "a%00b");
}

TEST(EscapeSegment, IsUndoneByUnescapeSegmentForEveryByte) {
    std::string every_byte;
    for (int c = 0; c < 256; ++c) {
        every_byte += static_cast<char>(c);
    }
    const auto escaped = escape_segment(every_byte);
    EXPECT_EQ(escaped.find('/'), std::string::npos);
    EXPECT_EQ(unescape_segment(escaped), every_byte);
}

TEST(UnescapeSegment, TakesLowerCaseHexToo) {
    EXPECT_EQ(unescape_segment("a%2fb"), "a/b");
}

TEST(UnescapeSegment, RefusesAPercentWithoutTwoHexDigits) {
    EXPECT_EQ(unescape_segment("100%"), std::nullopt);
    EXPECT_EQ(unescape_segment("%2"), std::nullopt);
    EXPECT_EQ(unescape_segment("%zz"), std::nullopt);
}

TEST(UniqueSegment, NumbersTheSecondAndLaterDevicesOfOneName) {
    std::vector<std::string> taken;
    for (int i = 0; i < 3; ++i) {
        taken.push_back(unique_name("nvme", taken));
    }
    EXPECT_EQ(taken, (std::vector<std::string>{"nvme", "nvme_1", "nvme_2"}));
}

TEST(UniqueSegment, StepsOverANameThatAnotherDeviceHasAlready) {
    EXPECT_EQ(unique_name("nvme", {"nvme", "nvme_1"}), "nvme_2");
}

}  // namespace
}  // namespace vitalsd
