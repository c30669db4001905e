// SPDX-License-Identifier: MIT
#include "collectors/fd_read.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "collectors/dirents.hpp"
#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::TempDir;

// An fd opened for the test and closed with it.
class OpenFd {
public:
    OpenFd(const std::string& path, int flags) : fd_(::open(path.c_str(), flags | O_CLOEXEC)) {}
    ~OpenFd() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    OpenFd(const OpenFd&) = delete;
    OpenFd& operator=(const OpenFd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

// A temporary directory to write files into and open them.
class FilesOnDisk : public ::testing::Test {
protected:
    // Writes the file name holding text and opens it for reading.
    OpenFd written(const std::string& name, const std::string& text) const {
        dir.write(name, text);
        return OpenFd(dir.path() + "/" + name, O_RDONLY);
    }

    TempDir dir;
};
using AWholeFileRead = FilesOnDisk;
using AWholeFileReadIntoAFixedRoom = FilesOnDisk;
using AFileReadOnce = FilesOnDisk;
using ADirectoryRead = FilesOnDisk;

std::vector<std::string> names_in(std::span<const std::byte> records) {
    std::vector<std::string> names;
    for_each_dirent(records, [&](std::string_view name) { names.emplace_back(name); });
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(AWholeFileRead, GivesAFileLargerThanTheFirstBufferWhole) {
    const std::string text(10'000, 'x');
    const auto file = written("big", text);
    std::vector<char> buffer;

    EXPECT_EQ(read_whole_file(file.get(), buffer), text);
    const auto grown = buffer.size();
    EXPECT_EQ(read_whole_file(file.get(), buffer), text) << "read again from the start";
    EXPECT_EQ(buffer.size(), grown) << "the buffer stays as it grew";
}

TEST_F(AWholeFileRead, SeesTheFileAsItIsNow) {
    const auto file = written("value", "first\n");
    std::vector<char> buffer;
    ASSERT_EQ(read_whole_file(file.get(), buffer), "first\n");

    dir.write("value", "2\n");
    EXPECT_EQ(read_whole_file(file.get(), buffer), "2\n");
}

TEST_F(AWholeFileRead, GivesAnEmptyFileAsEmpty) {
    const auto file = written("empty", "");
    std::vector<char> buffer;

    EXPECT_EQ(read_whole_file(file.get(), buffer), "");
}

TEST_F(AWholeFileRead, GivesNothingForWhatCannotBeRead) {
    OpenFd directory(dir.path(), O_RDONLY | O_DIRECTORY);
    std::vector<char> buffer;
    std::array<char, 8> room{};

    EXPECT_EQ(read_whole_file(directory.get(), buffer), std::nullopt);
    EXPECT_EQ(read_whole_file_into(directory.get(), room), std::nullopt);
}

TEST_F(AWholeFileReadIntoAFixedRoom, GivesAValueShorterThanTheRoom) {
    const auto file = written("value", "1234\n");
    std::array<char, 8> room{};

    EXPECT_EQ(read_whole_file_into(file.get(), room), "1234\n");
}

TEST_F(AWholeFileReadIntoAFixedRoom, GivesNothingForAValueThatFillsTheRoom) {
    const auto file = written("value", "12345678");
    std::array<char, 8> room{};

    EXPECT_EQ(read_whole_file_into(file.get(), room), std::nullopt) << "it may be longer";
}

TEST_F(AFileReadOnce, IsFoundRelativeToItsDirectory) {
    const std::string cmdline("sleep\0infinity\0", 15);
    dir.write("42/cmdline", cmdline);
    OpenFd pid_dir(dir.path() + "/42", O_RDONLY | O_DIRECTORY);
    std::vector<char> buffer;

    EXPECT_EQ(read_file_at(pid_dir.get(), "cmdline", buffer), cmdline);
    EXPECT_EQ(read_file_at(pid_dir.get(), "stat", buffer), std::nullopt) << "not there";
}

TEST_F(ADirectoryRead, GivesEveryEntryDotsIncluded) {
    dir.write("a", "");
    dir.make_dir("b");
    OpenFd directory(dir.path(), O_RDONLY | O_DIRECTORY);
    std::vector<std::byte> buffer;

    const auto records = read_directory(directory.get(), buffer);
    ASSERT_TRUE(records);
    EXPECT_EQ(names_in(*records), (std::vector<std::string>{".", "..", "a", "b"}));
}

TEST_F(ADirectoryRead, ReadsFromTheStartEachTimeAndGrowsToTheLargestListing) {
    std::vector<std::string> expected{".", ".."};
    for (int i = 0; i < 2000; ++i) {  // far more than the first buffer holds
        expected.push_back("entry-with-a-long-name-" + std::to_string(i));
        dir.write(expected.back(), "");
    }
    std::sort(expected.begin(), expected.end());
    OpenFd directory(dir.path(), O_RDONLY | O_DIRECTORY);
    std::vector<std::byte> buffer;

    const auto first = read_directory(directory.get(), buffer);
    ASSERT_TRUE(first);
    EXPECT_EQ(names_in(*first), expected);
    const auto grown = buffer.size();
    const auto second = read_directory(directory.get(), buffer);
    ASSERT_TRUE(second);
    EXPECT_EQ(names_in(*second), expected);
    EXPECT_EQ(buffer.size(), grown);
}

TEST_F(ADirectoryRead, GivesNothingForAFile) {
    const auto file = written("file", "text");
    std::vector<std::byte> buffer;

    EXPECT_FALSE(read_directory(file.get(), buffer).has_value());
}

}  // namespace
}  // namespace vitalsd
