// SPDX-License-Identifier: MIT
#include "sensor_pattern.hpp"

#include <gtest/gtest.h>

#include <string>

#include "request_error.hpp"

namespace vitalsd {
namespace {

// Returns whether text is well-formed UTF-8 (no cut or stray sequences), as D-Bus requires of
// every string, error messages included.
bool valid_utf8(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        if (lead < 0x80) {
            length = 1;
        } else if ((lead & 0xE0) == 0xC0) {
            length = 2;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
        } else {
            return false;
        }
        if (i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += length;
    }
    return true;
}

// Returns text with every byte outside printable ASCII as \xNN, so a failure message stays valid
// UTF-8 (meson reads the test report as XML).
std::string escaped(const std::string& text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7F) {
            out += c;
        } else {
            out += "\\x";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

TEST(ASensorPattern, MatchesItsOwnId) {
    EXPECT_TRUE(SensorPattern("cpu/all/usage").matches("cpu/all/usage"));
}

TEST(ASensorPattern, DoesNotMatchAnotherId) {
    EXPECT_FALSE(SensorPattern("cpu/all/usage").matches("cpu/all/user"));
    EXPECT_FALSE(SensorPattern("cpu/all/usage").matches("cpu/cpu0/usage"));
}

TEST(ASensorPattern, DoesNotMatchAnIdThatOnlyStartsLikeIt) {
    EXPECT_FALSE(SensorPattern("cpu/all/use").matches("cpu/all/usage"));
    EXPECT_FALSE(SensorPattern("cpu/all").matches("cpu/all/usage"));
}

TEST(ASensorPattern, DoesNotMatchAShorterId) {
    EXPECT_FALSE(SensorPattern("cpu/all/usage").matches("cpu/all"));
    EXPECT_FALSE(SensorPattern("cpu/*/usage").matches("cpu/all"));
    EXPECT_FALSE(SensorPattern("cpu/*/usage").matches(""));
}

TEST(ASensorPattern, WithoutAStarIsNotAWildcard) {
    EXPECT_FALSE(SensorPattern("cpu/all/usage").is_wildcard());
}

TEST(ASensorPattern, WithAStarSegmentIsAWildcard) {
    EXPECT_TRUE(SensorPattern("cpu/*/usage").is_wildcard());
    EXPECT_TRUE(SensorPattern("*").is_wildcard());
}

TEST(ASensorPattern, MatchesAnyOneSegmentWhereItHasAStar) {
    const SensorPattern pattern("cpu/*/usage");
    EXPECT_TRUE(pattern.matches("cpu/cpu0/usage"));
    EXPECT_TRUE(pattern.matches("cpu/all/usage"));
}

TEST(ASensorPattern, StillComparesTheSegmentsAroundAStar) {
    const SensorPattern pattern("cpu/*/usage");
    EXPECT_FALSE(pattern.matches("cpu/cpu0/user"));
    EXPECT_FALSE(pattern.matches("mem/cpu0/usage"));
}

TEST(ASensorPattern, LetsAStarMatchOnlyOneSegment) {
    EXPECT_FALSE(SensorPattern("cpu/*/usage").matches("cpu/a/b/usage"));
    EXPECT_FALSE(SensorPattern("*").matches("load/1"));
    EXPECT_TRUE(SensorPattern("*").matches("load"));
}

TEST(ASensorPattern, MatchesWithStarsInSeveralSegments) {
    EXPECT_TRUE(SensorPattern("*/*/usage").matches("cpu/cpu1/usage"));
    EXPECT_TRUE(SensorPattern("memory/*/*").matches("memory/swap/free"));
    EXPECT_FALSE(SensorPattern("memory/*/*").matches("memory/swap"));
}

// A trailing '/' makes one more, empty, segment: "a/b/" has three segments and must not match a
// two-segment pattern.
TEST(ASensorPattern, DoesNotMatchAnIdWithAnExtraEmptyLastSegment) {
    EXPECT_FALSE(SensorPattern("cpu/*/usage").matches("cpu/all/usage/"));
    EXPECT_FALSE(SensorPattern("load/*").matches("load/1/"));
}

TEST(ASensorPattern, OverlapsAPatternThatSomeIdMatchesToo) {
    const SensorPattern batteries("power/*/*");
    EXPECT_TRUE(batteries.overlaps(SensorPattern("power/*/charge")));
    EXPECT_TRUE(SensorPattern("power/*/charge").overlaps(batteries));
    EXPECT_TRUE(batteries.overlaps(SensorPattern("power/BAT0/rate")));
    EXPECT_TRUE(SensorPattern("*/all/*").overlaps(SensorPattern("cpu/*/temperature")));
}

TEST(ASensorPattern, DoesNotOverlapAPatternThatNoIdMatchesToo) {
    EXPECT_FALSE(SensorPattern("power/*/*").overlaps(SensorPattern("temperature/*/*")));
    EXPECT_FALSE(SensorPattern("cpu/*/usage").overlaps(SensorPattern("cpu/all/temperature")));
    EXPECT_FALSE(SensorPattern("power/*").overlaps(SensorPattern("power/*/*")))
        << "segment counts differ";
}

class AMalformedSensorName : public ::testing::TestWithParam<std::string> {};

TEST_P(AMalformedSensorName, IsRejectedAsInvalidArgument) {
    try {
        SensorPattern pattern(GetParam());
        FAIL() << "accepted '" << GetParam() << "'";
    } catch (const RequestError& e) {
        EXPECT_EQ(e.kind(), RequestError::Kind::InvalidArgument);
    }
}

INSTANTIATE_TEST_SUITE_P(EmptyOrStrayStars, AMalformedSensorName,
                         ::testing::Values("", "cpu//x", "cpu/", "/cpu", "/", "//", "cpu*", "c*u/x",
                                           "*cpu", "cpu/**", "cpu/*/usage*", "cpu/all//"));

TEST(AMalformedSensorName, IsQuotedInTheMessage) {
    try {
        SensorPattern pattern("cpu//x");
        FAIL() << "accepted";
    } catch (const RequestError& e) {
        EXPECT_NE(std::string(e.what()).find("'cpu//x'"), std::string::npos) << e.what();
    }
}

TEST(AHugeMalformedSensorName, MakesOnlyAShortMessage) {
    const std::string huge(1 << 20, '*');
    try {
        SensorPattern pattern(huge);
        FAIL() << "accepted";
    } catch (const RequestError& e) {
        EXPECT_EQ(e.kind(), RequestError::Kind::InvalidArgument);
        EXPECT_LT(std::string(e.what()).size(), 200u);
    }
}

TEST(AQuotedArgument, IsAShortArgumentWholeInQuotes) {
    EXPECT_EQ(quoted_for_message("cpu/x"), "'cpu/x'");
    EXPECT_EQ(quoted_for_message(""), "''");
}

TEST(AQuotedArgument, ShortensAOneMegabyteArgumentAndSaysHowLongItWas) {
    const std::string huge(1 << 20, 'x');
    const auto quoted = quoted_for_message(huge);
    EXPECT_LT(quoted.size(), 128u);
    EXPECT_TRUE(quoted.starts_with("'xxxxxxxx"));
    EXPECT_NE(quoted.find("1048576"), std::string::npos) << quoted;
}

// D-Bus refuses to send a string that is not valid UTF-8, so an error reply whose message cuts a
// character in half would never reach the client.
TEST(AQuotedArgument, NeverCutsAUtf8CharacterInHalf) {
    std::string argument(79, 'a');
    for (int i = 0; i < 20; ++i) {
        argument += "\xC3\xA9";  // é
    }
    ASSERT_TRUE(valid_utf8(argument));
    const auto quoted = quoted_for_message(argument);
    EXPECT_LT(quoted.size(), argument.size());
    EXPECT_TRUE(valid_utf8(quoted)) << escaped(quoted);
}

}  // namespace
}  // namespace vitalsd
