// SPDX-License-Identifier: MIT
// Under a service manager: READY=1 once the name is owned, STATUS= lines as the work changes,
// STOPPING=1 at the idle exit, and watchdog pings, all through $NOTIFY_SOCKET (sd_notify(3)).
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "private_bus.hpp"

namespace vitalsd::test {
namespace {

// A datagram socket of the test's own, standing in for the service manager's.
class NotifySocket {
public:
    explicit NotifySocket(std::string path) : path_(std::move(path)) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
        if (fd_ < 0 ||
            ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("cannot bind " + path_);
        }
    }
    ~NotifySocket() {
        ::close(fd_);
        ::unlink(path_.c_str());
    }

    const std::string& path() const { return path_; }

    /// Receives until a line equal to the one wanted has come (now or before); returns whether
    /// it did within the timeout.
    bool wait_for(const std::string& wanted, std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (find(wanted) == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return false;
            }
            pollfd ready{fd_, POLLIN, 0};
            if (::poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
                continue;
            }
            char buffer[4096];
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            std::string_view message(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
            while (!message.empty()) {
                const auto end = message.find('\n');
                lines.emplace_back(message.substr(0, end));
                message.remove_prefix(end == std::string_view::npos ? message.size() : end + 1);
            }
        }
        return true;
    }

    /// Returns the index of the first line equal to the one wanted at or after from, npos when
    /// none is.
    std::size_t find(const std::string& wanted, std::size_t from = 0) const {
        for (std::size_t i = from; i < lines.size(); ++i) {
            if (lines[i] == wanted) {
                return i;
            }
        }
        return std::string::npos;
    }

    std::vector<std::string> lines;

private:
    std::string path_;
    int fd_ = -1;
};

std::string all_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line + "\n";
    }
    return text;
}

TEST(UnderAServiceManager, TheDaemonReportsReadyItsStatusAndStopping) {
    PrivateBus bus;
    NotifySocket manager(bus.dir() + "/notify");
    Child daemon({daemon_binary(), "--idle-timeout=3"},
                 {.env = {{"NOTIFY_SOCKET", manager.path()},
                          {"WATCHDOG_USEC", "200000"},
                          {"DBUS_SESSION_BUS_ADDRESS", bus.address()}},
                  .out = ChildOptions::Stream::File,
                  .err = ChildOptions::Stream::File,
                  .file = bus.dir() + "/daemon.log"});

    ASSERT_TRUE(manager.wait_for("READY=1", 20s)) << all_lines(manager.lines);
    EXPECT_TRUE(bus.service_running()) << "ready before the name was owned";
    VitalsClient client(bus);
    client.Start(500, {"load/1"});
    ASSERT_TRUE(manager.wait_for("STATUS=sampling 1 sensor every 500 ms for 1 client", 20s))
        << all_lines(manager.lines);
    client.Stop();
    ASSERT_TRUE(manager.wait_for("STOPPING=1", 20s)) << all_lines(manager.lines);
    const auto status = daemon.wait(20s);

    ASSERT_TRUE(status.has_value()) << "still running after STOPPING=1";
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "wait status " << *status;
    const auto& lines = manager.lines;
    const auto ready = manager.find("READY=1");
    const auto idle = manager.find("STATUS=idle, exiting in 3 s");
    const auto sampling = manager.find("STATUS=sampling 1 sensor every 500 ms for 1 client");
    const auto idle_again = manager.find("STATUS=idle, exiting in 3 s", sampling);
    const auto stopping = manager.find("STOPPING=1");
    EXPECT_LT(ready, idle) << all_lines(lines);
    EXPECT_LT(idle, sampling) << all_lines(lines);
    EXPECT_LT(sampling, idle_again) << all_lines(lines);
    EXPECT_LT(idle_again, stopping) << all_lines(lines);
    EXPECT_EQ(manager.find("STATUS=exiting: idle for 3 s"), stopping + 1) << all_lines(lines);
    EXPECT_NE(manager.find("WATCHDOG=1"), std::string::npos) << all_lines(lines);
}

}  // namespace
}  // namespace vitalsd::test
