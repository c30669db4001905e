// SPDX-License-Identifier: MIT
#include "pidfile.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

#include "temp_dir.hpp"

namespace vitalsd {
namespace {

using test::read_text;

class APidfile : public ::testing::Test {
protected:
    test::TempDir dir;
    std::string path = dir.path() + "/vitalsd.pid";
    std::string own_pid = std::to_string(::getpid()) + "\n";
};

TEST_F(APidfile, HoldsThePidOfItsWriter) {
    Pidfile pidfile(path);
    EXPECT_EQ(read_text(path), own_pid);
}

TEST_F(APidfile, IsLockedWhileHeld) {
    Pidfile pidfile(path);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    EXPECT_NE(::flock(fd, LOCK_SH | LOCK_NB), 0);
    EXPECT_EQ(errno, EWOULDBLOCK);
    ::close(fd);
}

TEST_F(APidfile, IsRemovedWhenLetGo) {
    { Pidfile pidfile(path); }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(APidfile, HeldByAnotherRefusesWithTheHoldersPid) {
    Pidfile first(path);
    try {
        Pidfile second(path);
        FAIL() << "a held pidfile was taken";
    } catch (const AlreadyRunning& e) {
        EXPECT_EQ(std::string(e.what()),
                  "already running (pid " + std::to_string(::getpid()) + ")");
    }
    EXPECT_EQ(read_text(path), own_pid) << "the refused one changed the file";
}

TEST_F(APidfile, LeftByADeadProcessIsTakenOver) {
    dir.write("vitalsd.pid", "999999999\n");
    Pidfile pidfile(path);
    EXPECT_EQ(read_text(path), own_pid);
}

TEST_F(APidfile, WithLongerStaleContentIsRewrittenWhole) {
    dir.write("vitalsd.pid", "1234567890123456789\ngarbage\n");
    Pidfile pidfile(path);
    EXPECT_EQ(read_text(path), own_pid);
}

TEST_F(APidfile, ThatIsASymlinkIsNotFollowed) {
    const auto target = dir.path() + "/elsewhere";
    std::filesystem::create_symlink(target, path);
    EXPECT_THROW(Pidfile pidfile(path), std::system_error);
    EXPECT_FALSE(std::filesystem::exists(target));
}

TEST_F(APidfile, InAMissingDirectoryFailsWithTheReason) {
    try {
        Pidfile pidfile(dir.path() + "/missing/vitalsd.pid");
        FAIL() << "no error";
    } catch (const std::system_error& e) {
        EXPECT_NE(std::string(e.what()).find("missing/vitalsd.pid"), std::string::npos) << e.what();
    }
}

TEST(TheDefaultPidfile, IsInTheSessionsRuntimeDirectory) {
    ::setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    EXPECT_EQ(default_pidfile(false), "/run/user/1000/vitalsd.pid");
    ::unsetenv("XDG_RUNTIME_DIR");
    EXPECT_EQ(default_pidfile(false), std::nullopt);
}

TEST(TheDefaultPidfile, IsInRunForTheSystemBus) {
    ::setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    EXPECT_EQ(default_pidfile(true), "/run/vitalsd.pid");
    ::unsetenv("XDG_RUNTIME_DIR");
}

}  // namespace
}  // namespace vitalsd
