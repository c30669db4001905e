// SPDX-License-Identifier: MIT
#include "collectors/directory_listing.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using Entries = std::vector<std::string>;

class ADirectoryListing : public ::testing::Test {
protected:
    void add(const std::string& name) const { dir.write("devices/" + name + "/type", "x\n"); }
    void remove(const std::string& name) const {
        std::filesystem::remove_all(dir.path() + "/devices/" + name);
    }

    test::TempDir dir;
};

TEST_F(ADirectoryListing, TakesInWhatItFindsAtFirstSortedWithoutDots) {
    add("hwmon10");
    add("hwmon2");
    add("BAT0");
    DirectoryListing listing(dir.path() + "/devices");
    EXPECT_EQ(listing.entries(), (Entries{"BAT0", "hwmon10", "hwmon2"}));
    EXPECT_FALSE(listing.refresh());
    EXPECT_EQ(listing.entries(), (Entries{"BAT0", "hwmon10", "hwmon2"}));
}

TEST_F(ADirectoryListing, TakesInANewEntryAtTheSecondRefreshThatFindsIt) {
    add("a");
    DirectoryListing listing(dir.path() + "/devices");
    add("b");
    EXPECT_FALSE(listing.refresh());
    EXPECT_EQ(listing.entries(), (Entries{"a"}));
    EXPECT_TRUE(listing.refresh());
    EXPECT_EQ(listing.entries(), (Entries{"a", "b"}));
}

TEST_F(ADirectoryListing, NeverTakesInAnEntryThatCameAndWentBetweenTwoRefreshes) {
    add("a");
    DirectoryListing listing(dir.path() + "/devices");
    add("b");
    EXPECT_FALSE(listing.refresh());
    remove("b");
    EXPECT_FALSE(listing.refresh());
    EXPECT_FALSE(listing.refresh());
    EXPECT_EQ(listing.entries(), (Entries{"a"}));
}

TEST_F(ADirectoryListing, DropsAnEntryAtOnce) {
    add("a");
    add("b");
    DirectoryListing listing(dir.path() + "/devices");
    remove("a");
    EXPECT_TRUE(listing.refresh());
    EXPECT_EQ(listing.entries(), (Entries{"b"}));
}

TEST_F(ADirectoryListing, OfADirectoryThatIsNotThereYetIsEmptyUntilItComes) {
    DirectoryListing listing(dir.path() + "/devices");
    EXPECT_TRUE(listing.entries().empty());
    EXPECT_FALSE(listing.refresh());
    add("a");
    listing.refresh();
    listing.refresh();
    EXPECT_EQ(listing.entries(), (Entries{"a"}));
}

TEST_F(ADirectoryListing, ReadsALargeDirectoryWhole) {
    for (int i = 0; i < 300; ++i) {
        add("device-with-a-long-name-" + std::to_string(i));
    }
    DirectoryListing listing(dir.path() + "/devices");
    EXPECT_EQ(listing.entries().size(), 300u);
    EXPECT_FALSE(listing.refresh());
    EXPECT_EQ(list_directory(dir.path() + "/devices"), listing.entries());
}

}  // namespace
}  // namespace vitalsd
