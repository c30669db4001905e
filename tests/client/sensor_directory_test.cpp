// SPDX-License-Identifier: MIT
#include "sensor_directory.hpp"

#include <gtest/gtest.h>

#include <map>

#include "request_error.hpp"

namespace vitalsd {
namespace {

SensorDirectory directory() {
    return SensorDirectory({{"cpu/all/usage", "%", "all CPUs usage", ""},
                            {"cpu/cpu0/usage", "%", "CPU 0 usage", ""},
                            {"memory/physical/used", "B", "Memory used", ""},
                            {"load/1", "", "Load 1 min", ""}});
}

std::vector<std::string> ids_of(const std::vector<SensorEntry>& entries) {
    std::vector<std::string> ids;
    for (const auto& entry : entries) {
        ids.push_back(entry.id);
    }
    return ids;
}

TEST(TheSensorDirectory, KnowsEachSensorsUnit) {
    EXPECT_EQ(directory().unit_of("memory/physical/used"), "B");
    EXPECT_EQ(directory().unit_of("load/1"), "");
    EXPECT_EQ(directory().unit_of("no/such"), "");
}

TEST(TheSensorDirectory, OrdersIdsAsTheServiceListsThemUnknownOnesLast) {
    const std::map<std::string, double> values = {
        {"load/1", 0}, {"zzz/new", 0}, {"cpu/all/usage", 0}, {"memory/physical/used", 0}};
    EXPECT_EQ(
        directory().keys_in_order(values),
        (std::vector<std::string>{"cpu/all/usage", "memory/physical/used", "load/1", "zzz/new"}));
}

TEST(TheSensorDirectory, MatchesIdsAndPatternsLikeTheService) {
    EXPECT_EQ(ids_of(directory().matching({"cpu/*/usage"})),
              (std::vector<std::string>{"cpu/all/usage", "cpu/cpu0/usage"}));
    EXPECT_EQ(ids_of(directory().matching({"load/1", "memory/*/used"})),
              (std::vector<std::string>{"memory/physical/used", "load/1"}));
    EXPECT_EQ(directory().matching({}).size(), 4u);
    EXPECT_TRUE(directory().matching({"disk/*"}).empty());
    EXPECT_THROW(directory().matching({"cpu*"}), vitalsd::RequestError);
}

}  // namespace
}  // namespace vitalsd
