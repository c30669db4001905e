// SPDX-License-Identifier: MIT
#include "collectors/sensor_id.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sensor_pattern.hpp"

namespace vitalsd {
namespace {

TEST(AnIdSegment, KeepsTheNamesDevicesUsuallyHave) {
    for (const char* name : {"eth0", "enp0s31f6", "wlp2s0", "veth3f2a1b0", "nvme0n1", "dm-0", "sda",
                             "br-1a2b", "wg0", "tap.100", "a:b", "x_y+z@1"}) {
        EXPECT_EQ(id_segment(name), name);
    }
}

TEST(AnIdSegment, EscapesWhatWouldBreakAnIdOrAPattern) {
    EXPECT_EQ(id_segment("odd*0"), "odd%2A0");
    EXPECT_EQ(id_segment("cciss/c0d0"), "cciss%2Fc0d0");
    EXPECT_EQ(id_segment("50%"), "50%25");
    EXPECT_EQ(id_segment("a b"), "a%20b");
    EXPECT_EQ(id_segment(std::string("\x01\x7f", 2)), "%01%7F");
}

TEST(AnIdSegment, EscapesEveryByteThatIsNotAscii) {
    EXPECT_EQ(id_segment("caf\xc3\xa9"
                         "0"),
              "caf%C3%A90");
    EXPECT_EQ(id_segment("\xff"), "%FF") << "not UTF-8 at all: D-Bus would refuse it";
}

TEST(AnIdSegment, NeverTakesTheTotalsName) {
    EXPECT_EQ(id_segment("all"), "%61ll");
    EXPECT_EQ(id_segment("All"), "All");
    EXPECT_EQ(id_segment("all0"), "all0");
}

TEST(AnIdSegment, GivesDistinctNamesDistinctSegments) {
    std::set<std::string> segments;
    const char* names[] = {"all", "%61ll", "a*", "a%2A", "a/b", "a%2Fb", "a!b", "a b", "a%20b"};
    for (const char* name : names) {
        EXPECT_TRUE(segments.insert(id_segment(name)).second) << name;
    }
}

TEST(AnIdSegment, MakesAnIdThatIsExactlyOneSegmentAndNoPattern) {
    for (const char* name : {"odd*0", "*", "cciss/c0d0", "/", "caf\xc3\xa9", "all", " "}) {
        const auto id = "network/" + id_segment(name) + "/download";
        const SensorPattern pattern(id);
        EXPECT_FALSE(pattern.is_wildcard()) << id;
        EXPECT_TRUE(pattern.matches(id)) << id;
        EXPECT_TRUE(SensorPattern("network/*/download").matches(id)) << id;
    }
}

TEST(EscapeBytes, EscapesWhatItsRuleRefusesAndEveryPercent) {
    const auto digits_only = [](unsigned char byte) { return byte >= '0' && byte <= '9'; };
    EXPECT_EQ(escape_bytes("a1%", digits_only), "%611%25");
    const auto everything = [](unsigned char) { return true; };
    EXPECT_EQ(escape_bytes("100%", everything), "100%25");
}

TEST(EscapeBytes, WritesEveryByteItRefusesAsTwoUpperCaseHexDigits) {
    std::string every_byte;
    std::string escaped;
    for (int c = 0; c < 256; ++c) {
        every_byte += static_cast<char>(c);
        escaped += '%';
        escaped += "0123456789ABCDEF"[c >> 4];
        escaped += "0123456789ABCDEF"[c & 0xf];
    }
    const auto nothing = [](unsigned char) { return false; };
    EXPECT_EQ(escape_bytes(every_byte, nothing), escaped);
}

}  // namespace
}  // namespace vitalsd
