// SPDX-License-Identifier: MIT
#include "json_writer.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace vitalsd::ctl {
namespace {

TEST(AJsonString, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(json_string("plain"), "\"plain\"");
    EXPECT_EQ(json_string("say \"hi\""), "\"say \\\"hi\\\"\"");
    EXPECT_EQ(json_string("C:\\dir"), "\"C:\\\\dir\"");
    EXPECT_EQ(json_string("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"");
    EXPECT_EQ(json_string(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(json_string(std::string("nul\0in", 6)), "\"nul\\u0000in\"");
}

TEST(AJsonString, KeepsUtf8AsItIs) {
    EXPECT_EQ(json_string("45 °C"), "\"45 °C\"");
}

TEST(AJsonNumber, ReadsBackExactlyAndIsNullWhenJsonCannotHoldIt) {
    EXPECT_EQ(json_number(0.49), "0.49");
    EXPECT_EQ(json_number(25276502016), "25276502016");
    EXPECT_EQ(json_number(NAN), "null");
    EXPECT_EQ(json_number(INFINITY), "null");
}

TEST(AJsonWriter, PlacesCommasBetweenMembersAndElements) {
    JsonWriter json;
    json.begin_object().key("a").value(std::uint64_t{1}).key("b").begin_array();
    json.value("x").value(true).null().begin_object().end_object();
    json.end_array().key("c").value(0.5).end_object();
    EXPECT_EQ(json.text(), R"({"a":1,"b":["x",true,null,{}],"c":0.5})");
}

TEST(AJsonWriter, WritesEmptyContainers) {
    JsonWriter json;
    json.begin_object().key("sensors").begin_array().end_array().end_object();
    EXPECT_EQ(json.text(), R"({"sensors":[]})");
}

}  // namespace
}  // namespace vitalsd::ctl
