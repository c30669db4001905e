// SPDX-License-Identifier: MIT
#include "bus_error.hpp"

#include <gtest/gtest.h>

namespace vitalsd {
namespace {

TEST(AServiceError, IsExplainedInOneLineWithItsName) {
    EXPECT_EQ(describe_error("io.github.vitalsd.Error.UnknownSensor", "no sensor 'x/y'"),
              "unknown sensor: no sensor 'x/y' (io.github.vitalsd.Error.UnknownSensor)");
    EXPECT_EQ(error_meaning("io.github.vitalsd.Error.InvalidArgument"), "invalid argument");
    EXPECT_EQ(error_meaning("io.github.vitalsd.Error.LimitExceeded"), "over the service's limit");
}

TEST(ABusError, IsExplained) {
    EXPECT_EQ(error_meaning("org.freedesktop.DBus.Error.ServiceUnknown"),
              "the service is not installed on this bus (no activation file)");
    EXPECT_EQ(error_meaning("org.freedesktop.DBus.Error.Spawn.ChildExited"),
              "the bus could not start the service");
    EXPECT_EQ(error_meaning("org.freedesktop.DBus.Error.NoReply"),
              "the service did not answer in time");
}

TEST(AnErrorWeDoNotKnow, IsShownByItsName) {
    EXPECT_EQ(describe_error("org.example.Odd", "it broke"), "org.example.Odd: it broke");
    EXPECT_EQ(describe_error("org.example.Odd", ""), "org.example.Odd");
}

TEST(AnErrorMessage, StaysOnOneLine) {
    EXPECT_EQ(describe_error("org.example.Odd", "two\nlines"), "org.example.Odd: two lines");
}

TEST(ARefusal, IsAnErrorThatAskingAgainCannotChange) {
    EXPECT_TRUE(is_refusal("io.github.vitalsd.Error.InvalidArgument"));
    EXPECT_TRUE(is_refusal("io.github.vitalsd.Error.UnknownSensor"));
    EXPECT_TRUE(is_refusal("io.github.vitalsd.Error.SomethingNewer"));
    EXPECT_TRUE(is_refusal("org.freedesktop.DBus.Error.AccessDenied"));
    EXPECT_TRUE(is_refusal("org.freedesktop.DBus.Error.UnknownMethod"));
    EXPECT_TRUE(is_refusal("org.freedesktop.DBus.Error.InvalidArgs"));
}

TEST(NotReachingTheService, IsNoRefusal) {
    EXPECT_FALSE(is_refusal("org.freedesktop.DBus.Error.ServiceUnknown"));
    EXPECT_FALSE(is_refusal("org.freedesktop.DBus.Error.Spawn.ChildExited"));
    EXPECT_FALSE(is_refusal("org.freedesktop.DBus.Error.NoReply"));
    EXPECT_FALSE(is_refusal("org.freedesktop.DBus.Error.NameHasNoOwner"));
    EXPECT_FALSE(is_refusal("org.example.Odd"));
}

}  // namespace
}  // namespace vitalsd
