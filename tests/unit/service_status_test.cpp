// SPDX-License-Identifier: MIT
#include "service_status.hpp"

#include <gtest/gtest.h>

namespace vitalsd {
namespace {

TEST(TheStatusLine, SaysWhatIsSampledHowOftenAndForWhom) {
    EXPECT_EQ(status_line({.sensors = 42, .interval_ms = 500, .clients = 2, .idle_timeout_s = 30}),
              "sampling 42 sensors every 500 ms for 2 clients");
    EXPECT_EQ(status_line({.sensors = 1, .interval_ms = 100, .clients = 1, .idle_timeout_s = 30}),
              "sampling 1 sensor every 100 ms for 1 client");
}

TEST(TheStatusLine, SaysWhenAnIdleServiceExits) {
    EXPECT_EQ(status_line({.idle_timeout_s = 25}), "idle, exiting in 25 s");
    EXPECT_EQ(status_line({.idle_timeout_s = 0}), "idle, waiting for clients");
}

}  // namespace
}  // namespace vitalsd
