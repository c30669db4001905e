// SPDX-License-Identifier: MIT
#include "log.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "temp_dir.hpp"

namespace vitalsd {
namespace {

// Sends stderr to a file for the test, and puts logging and $JOURNAL_STREAM back afterwards.
class TheLog : public ::testing::Test {
protected:
    void SetUp() override {
        saved_stderr_ = ::dup(STDERR_FILENO);
        const int fd = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ASSERT_GE(fd, 0);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
        ::unsetenv("JOURNAL_STREAM");
    }

    void TearDown() override {
        ::dup2(saved_stderr_, STDERR_FILENO);
        ::close(saved_stderr_);
        ::unsetenv("JOURNAL_STREAM");
        open_log(LogTarget::Stderr, false);
    }

    // Sets $JOURNAL_STREAM the way systemd does, naming the given file's device and inode.
    static void journal_stream_is(const std::string& path) {
        struct stat st {};
        ASSERT_EQ(::stat(path.c_str(), &st), 0) << path;
        ::setenv("JOURNAL_STREAM",
                 (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino)).c_str(), 1);
    }

    std::string logged() const { return test::read_text(captured); }

    test::TempDir dir;
    std::string captured = dir.path() + "/stderr";

private:
    int saved_stderr_ = -1;
};

TEST_F(TheLog, WritesStderrLinesWithTheProgramName) {
    open_log(LogTarget::Stderr, false);
    log_info("serving");
    log_error("trouble");
    EXPECT_EQ(logged(), "vitalsd: serving\nvitalsd: trouble\n");
}

TEST_F(TheLog, GoesToStderrInTheForeground) {
    EXPECT_EQ(open_log(LogTarget::Auto, false), LogTarget::Stderr);
}

TEST_F(TheLog, GoesToSyslogWhenDetached) {
    EXPECT_EQ(open_log(LogTarget::Auto, true), LogTarget::Syslog);
}

TEST_F(TheLog, GoesToTheJournalWithPrioritiesWhenStderrIsTheJournalStream) {
    journal_stream_is(captured);
    EXPECT_EQ(open_log(LogTarget::Auto, false), LogTarget::Journal);
    log_error("trouble");
    log_warning("odd");
    log_notice("exiting");
    log_info("serving");
    EXPECT_EQ(logged(), "<3>trouble\n<4>odd\n<5>exiting\n<6>serving\n");
}

TEST_F(TheLog, DoesNotTakeAnInheritedJournalStreamForItsStderr) {
    dir.write("other", "");
    journal_stream_is(dir.path() + "/other");
    EXPECT_EQ(open_log(LogTarget::Auto, false), LogTarget::Stderr);
}

TEST_F(TheLog, IgnoresAMalformedJournalStream) {
    for (const char* value : {"", ":", "12", "a:b", "12:"}) {
        ::setenv("JOURNAL_STREAM", value, 1);
        EXPECT_EQ(open_log(LogTarget::Auto, false), LogTarget::Stderr) << value;
    }
}

TEST_F(TheLog, KeepsATargetGivenExplicitly) {
    journal_stream_is(captured);
    EXPECT_EQ(open_log(LogTarget::Stderr, false), LogTarget::Stderr);
    EXPECT_EQ(open_log(LogTarget::Syslog, false), LogTarget::Syslog);
    EXPECT_EQ(open_log(LogTarget::Journal, true), LogTarget::Journal);
}

}  // namespace
}  // namespace vitalsd
