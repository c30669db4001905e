// SPDX-License-Identifier: MIT
#include "utf8.hpp"

#include <gtest/gtest.h>

#include <cstring>

namespace vitalsd {
namespace {

TEST(Utf8, AcceptsAsciiAndWellFormedSequences) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("firefox --new-window"));
    EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
    EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3))) << "NUL is a character";
}

TEST(Utf8, RefusesWhatDBusRefuses) {
    for (const char* bad : {"\xFF", "\xFE\xFF", "\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                            "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "a\x80"}) {
        EXPECT_FALSE(is_valid_utf8(bad)) << "byte sequence of length " << std::strlen(bad);
    }
}

TEST(Utf8, ReplacesEachBadByteAndKeepsTheRest) {
    EXPECT_EQ(to_valid_utf8("ok"), "ok");
    EXPECT_EQ(to_valid_utf8("a\xFF"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(to_valid_utf8("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(to_valid_utf8("caf\xC3\xA9\xC3"), "caf\xC3\xA9\xEF\xBF\xBD") << "a cut sequence";
    EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xED\xA0\x80\xF4\x90\x80\x80")));
}

}  // namespace
}  // namespace vitalsd
