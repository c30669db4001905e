// SPDX-License-Identifier: MIT
// vitalsd --detach: a classic daemon (daemon(7)) that reports whether it serves before the
// command returns, holds its pidfile for its whole life and inherits nothing from its starter.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "fixture_path.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// The fields of /proc/PID/stat that tell a process's place among sessions and terminals.
struct ProcStat {
    char state = '?';
    pid_t session = 0;
    int tty = 0;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Reads a copy of /proc/PID/stat.
ProcStat proc_stat_in(const std::string& path) {
    const auto text = read_file(path);
    // After "pid (comm) ": state ppid pgrp session tty_nr ... (proc(5)); comm may hold spaces.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    ProcStat stat;
    pid_t ppid = 0;
    pid_t group = 0;
    fields >> stat.state >> ppid >> group >> stat.session >> stat.tty;
    return stat;
}

ProcStat proc_stat(pid_t pid) {
    return proc_stat_in("/proc/" + std::to_string(pid) + "/stat");
}

std::string link_target(const std::string& path) {
    std::error_code error;
    return std::filesystem::read_symlink(path, error).string();
}

// Returns the value of a "Name:" line of /proc/PID/status.
std::string status_field(pid_t pid, const std::string& name) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(name + ":")) {
            const auto value = line.find_first_not_of(" \t", name.size() + 1);
            return value == std::string::npos ? "" : line.substr(value);
        }
    }
    return "";
}

// Runs a command through sh as the leader of a new session whose controlling terminal is a
// pseudo-terminal, the way a login shell runs it; returns its exit status and output once sh has
// exited (whoever else keeps the terminal open).
std::pair<int, std::string> run_in_terminal(const std::string& command) {
    Child shell({"/bin/sh", "-c", command}, {.terminal = ChildOptions::TerminalSize{}});
    const auto status = shell.wait(60s);
    return {status.value_or(-1), shell.output()};
}

class ADetachedDaemon : public ::testing::Test {
protected:
    void SetUp() override {
        // The daemon's parent exits at once; as a subreaper this test adopts it and can reap it
        // and read its exit status (whatever init does with orphans here).
        ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    }

    void TearDown() override {
        for (const pid_t pid : started_) {
            if (::kill(pid, SIGKILL) == 0 || errno != ESRCH) {
                ::waitpid(pid, nullptr, 0);
            }
        }
    }

    // The command line that starts a detached daemon on the test's bus.
    std::string command(const std::string& pidfile, const std::string& more = "") const {
        return "DBUS_SESSION_BUS_ADDRESS='" + bus.address() + "' " + daemon_binary() +
               " --detach --pidfile=" + pidfile + " --log=stderr " + more;
    }

    // Starts the daemon and returns its pid, from the pidfile; fails the test when it does
    // not start.
    pid_t start(const std::string& pidfile) {
        const auto [status, output] = run_command(command(pidfile));
        EXPECT_EQ(status, 0) << output;
        return adopt(pidfile);
    }

    // Returns the pid in the pidfile, to be reaped at the end.
    pid_t adopt(const std::string& pidfile) {
        const pid_t pid = std::atoi(read_file(pidfile).c_str());
        if (pid > 0) {
            started_.push_back(pid);
        }
        return pid;
    }

    PrivateBus bus;
    std::string pidfile = bus.dir() + "/vitalsd.pid";

private:
    std::vector<pid_t> started_;
};

TEST_F(ADetachedDaemon, ReturnsOnlyOnceItOwnsTheName) {
    const auto [status, output] = run_command(command(pidfile));

    ASSERT_EQ(status, 0) << output;
    EXPECT_TRUE(bus.service_running()) << "the command returned before the name was owned";
    const pid_t pid = adopt(pidfile);
    EXPECT_EQ(bus.service_pid(), pid);
    EXPECT_EQ(output, "") << "a daemon that started says nothing";
}

TEST_F(ADetachedDaemon, WritesItsPidfileAndHoldsItLocked) {
    const pid_t pid = start(pidfile);

    EXPECT_EQ(read_file(pidfile), std::to_string(pid) + "\n");
    const int fd = ::open(pidfile.c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    EXPECT_NE(::flock(fd, LOCK_SH | LOCK_NB), 0) << "the pidfile is not locked";
    EXPECT_EQ(errno, EWOULDBLOCK);
    ::close(fd);
}

TEST_F(ADetachedDaemon, IsNoSessionLeaderAndHasNoTerminal) {
    // The starter records its own place, then becomes vitalsd (exec keeps pid and terminal).
    const auto starter_stat = bus.dir() + "/starter.stat";
    const auto [status, output] =
        run_in_terminal("cat /proc/$$/stat > " + starter_stat + "; exec env " + command(pidfile));
    ASSERT_EQ(status, 0) << output;
    const pid_t pid = adopt(pidfile);
    const auto starter = proc_stat_in(starter_stat);
    ASSERT_NE(starter.tty, 0) << "the starter had no terminal: the test proves nothing";

    const auto daemon = proc_stat(pid);
    EXPECT_NE(daemon.session, pid) << "the daemon leads its session: it could get a terminal";
    EXPECT_NE(daemon.session, starter.session) << "the daemon stayed in its starter's session";
    EXPECT_EQ(daemon.tty, 0) << "the daemon has a controlling terminal";
    EXPECT_EQ(::getsid(pid), daemon.session);
}

TEST_F(ADetachedDaemon, ReadsARelativeProcRootFromWhereItWasStarted) {
    const auto fixtures = fixture_path("");
    const auto [status, output] =
        run_command("cd '" + fixtures + "' && " + command(pidfile, "--proc-root=basic/proc"));
    ASSERT_EQ(status, 0) << output;
    adopt(pidfile);

    VitalsClient client(bus);
    const auto [timestamp, values] = client.GetValues({"load/1"});
    EXPECT_EQ(values.at("load/1"), 0.49);  // tests/fixtures/basic/proc/loadavg
}

TEST_F(ADetachedDaemon, WorksInTheRootDirectoryWithStdioOnDevNull) {
    const pid_t pid = start(pidfile);
    const auto proc = "/proc/" + std::to_string(pid);

    EXPECT_EQ(link_target(proc + "/cwd"), "/");
    for (int fd = 0; fd <= 2; ++fd) {
        EXPECT_EQ(link_target(proc + "/fd/" + std::to_string(fd)), "/dev/null") << "fd " << fd;
    }
}

TEST_F(ADetachedDaemon, InheritsNoFileDescriptorFromItsStarter) {
    // Left open across exec on purpose: the starter and the first vitalsd process inherit it.
    const auto marker = bus.dir() + "/leaked-marker";
    const int leaked = ::open(marker.c_str(), O_WRONLY | O_CREAT, 0600);
    ASSERT_GE(leaked, 0);
    const pid_t pid = start(pidfile);
    ::close(leaked);

    const auto fds = "/proc/" + std::to_string(pid) + "/fd";
    std::vector<std::string> open_files;
    for (const auto& entry : std::filesystem::directory_iterator(fds)) {
        open_files.push_back(entry.path().filename().string() + " -> " +
                             link_target(entry.path().string()));
        EXPECT_NE(link_target(entry.path().string()), marker) << "fd " << entry.path().filename();
    }
    EXPECT_FALSE(open_files.empty());
}

TEST_F(ADetachedDaemon, RefusesASecondInstanceWithTheSamePidfile) {
    const pid_t first = start(pidfile);

    const auto [status, output] = run_command(command(pidfile));

    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("already running (pid " + std::to_string(first) + ")"), std::string::npos)
        << output;
    EXPECT_EQ(read_file(pidfile), std::to_string(first) + "\n");
    EXPECT_EQ(bus.service_pid(), first);
}

TEST_F(ADetachedDaemon, RefusesToStartWhileTheNameIsOwned) {
    const pid_t first = start(pidfile);

    const auto other_pidfile = bus.dir() + "/other.pid";
    const auto [status, output] = run_command(command(other_pidfile));

    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("already owned on the session bus"), std::string::npos) << output;
    EXPECT_FALSE(std::filesystem::exists(other_pidfile)) << "the failed daemon left its pidfile";
    EXPECT_EQ(bus.service_pid(), first);
}

TEST_F(ADetachedDaemon, TakesOverAPidfileLeftByADeadProcess) {
    Child gone([] { return 0; });
    const pid_t dead = gone.pid();
    gone.wait(10s);
    std::ofstream(pidfile) << dead << "\n";

    const auto [status, output] = run_command(command(pidfile));

    ASSERT_EQ(status, 0) << output;
    EXPECT_EQ(output, "");
    const pid_t pid = adopt(pidfile);
    EXPECT_NE(pid, dead);
    EXPECT_EQ(bus.service_pid(), pid);
}

TEST_F(ADetachedDaemon, LeavesWithinASecondOfSigtermAndRemovesItsPidfile) {
    const pid_t pid = start(pidfile);
    ASSERT_GT(pid, 0);

    const auto sent = std::chrono::steady_clock::now();
    ::kill(pid, SIGTERM);
    const auto status = wait_for_exit(pid, 1s);
    const auto took = std::chrono::steady_clock::now() - sent;

    ASSERT_TRUE(status.has_value()) << "still running a second after SIGTERM";
    std::cout << "gone " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
              << " ms after SIGTERM\n";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "wait status " << *status;
    EXPECT_FALSE(std::filesystem::exists(pidfile));
    EXPECT_FALSE(bus.service_running());
}

TEST_F(ADetachedDaemon, SurvivesSighup) {
    const pid_t pid = start(pidfile);
    ASSERT_GT(pid, 0);

    ::kill(pid, SIGHUP);
    // The loop takes the signal from its signalfd: once nothing is pending, it has been handled.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (status_field(pid, "ShdPnd") != "0000000000000000" &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    ASSERT_EQ(status_field(pid, "ShdPnd"), "0000000000000000") << "SIGHUP never handled";

    VitalsClient client(bus);
    EXPECT_EQ(client.Version(), "0.1.0");
    EXPECT_EQ(bus.service_pid(), pid);
    EXPECT_FALSE(wait_for_exit(pid, 0ms).has_value());
}

TEST_F(ADetachedDaemon, ThatCannotReachTheBusFailsWithTheReason) {
    const auto [status, output] =
        run_command("DBUS_SESSION_BUS_ADDRESS=unix:path=" + bus.dir() + "/no-bus " +
                    daemon_binary() + " --detach --pidfile=" + pidfile);

    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("cannot connect to the session bus"), std::string::npos) << output;
    EXPECT_FALSE(std::filesystem::exists(pidfile));
}

TEST_F(ADetachedDaemon, NeedsAPidfileWhenTheSessionHasNoRuntimeDirectory) {
    const auto [status, output] =
        run_command("env -u XDG_RUNTIME_DIR " + daemon_binary() + " --detach");

    EXPECT_NE(status, 0);
    EXPECT_NE(output.find("--pidfile"), std::string::npos) << output;
}

TEST_F(ADetachedDaemon, UsesThePidfileInTheRuntimeDirectoryByDefault) {
    const auto runtime_dir = bus.dir() + "/runtime";
    std::filesystem::create_directory(runtime_dir);
    const auto [status, output] =
        run_command("XDG_RUNTIME_DIR=" + runtime_dir + " DBUS_SESSION_BUS_ADDRESS='" +
                    bus.address() + "' " + daemon_binary() + " --detach");

    ASSERT_EQ(status, 0) << output;
    const pid_t pid = adopt(runtime_dir + "/vitalsd.pid");
    EXPECT_EQ(bus.service_pid(), pid);
}

}  // namespace
}  // namespace vitalsd::test
