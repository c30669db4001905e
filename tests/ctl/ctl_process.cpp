// SPDX-License-Identifier: MIT
#include "ctl_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

#include "fixture_path.hpp"

namespace vitalsd::test {
namespace {

// On a machine busy with other builds a command may take a while; this only bounds a hang.
constexpr auto kCommandTimeout = 60s;

[[noreturn]] void exec_ctl(const PrivateBus& bus, const std::vector<std::string>& args) {
    ::setenv("DBUS_SESSION_BUS_ADDRESS", bus.address().c_str(), 1);
    ::unsetenv("NO_COLOR");
    const std::string binary = ctl_binary();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
}

}  // namespace

std::string ctl_binary() {
    return env_or_fail("VITALSCTL_BINARY");
}

CtlProcess CtlProcess::piped(const PrivateBus& bus, const std::vector<std::string>& args) {
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    CtlProcess process;
    process.pid_ = ::fork();
    if (process.pid_ == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::setenv("TERM", "dumb", 1);
        exec_ctl(bus, args);
    }
    ::close(out[1]);
    ::close(err[1]);
    process.out_fd_ = out[0];
    process.err_fd_ = err[0];
    return process;
}

CtlProcess CtlProcess::in_terminal(const PrivateBus& bus, const std::vector<std::string>& args,
                                   unsigned short rows, unsigned short columns) {
    winsize size{};
    size.ws_row = rows;
    size.ws_col = columns;
    CtlProcess process;
    int master = -1;
    process.pid_ = ::forkpty(&master, nullptr, nullptr, &size);
    if (process.pid_ < 0) {
        throw std::runtime_error("forkpty failed");
    }
    if (process.pid_ == 0) {
        ::setenv("TERM", "xterm", 1);
        exec_ctl(bus, args);
    }
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    process.out_fd_ = master;
    return process;
}

CtlProcess::CtlProcess(CtlProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      out_fd_(std::exchange(other.out_fd_, -1)),
      err_fd_(std::exchange(other.err_fd_, -1)),
      out_(std::move(other.out_)),
      err_(std::move(other.err_)),
      status_(other.status_) {}

CtlProcess::~CtlProcess() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    for (const int fd : {out_fd_, err_fd_}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

bool CtlProcess::read_some(int wait_ms) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    const nfds_t count = err_fd_ >= 0 ? 2 : 1;
    if (::poll(fds, count, wait_ms) <= 0) {
        return false;
    }
    bool got = false;
    char buffer[4096];
    for (nfds_t i = 0; i < count; ++i) {
        if (fds[i].revents == 0) {
            continue;
        }
        // A terminal's master reads EIO once the child has closed its side: the end.
        const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0) {
            (i == 0 ? out_ : err_).append(buffer, static_cast<std::size_t>(n));
            got = true;
        } else if (n == 0 || errno != EINTR) {
            ::close(fds[i].fd);
            (i == 0 ? out_fd_ : err_fd_) = -1;
        }
    }
    return got;
}

bool CtlProcess::read_until(const std::function<bool(const std::string&)>& done,
                            std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done(out_)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || out_fd_ < 0) {
            return done(out_);
        }
        read_some(static_cast<int>(left.count()));
    }
    return true;
}

std::vector<std::string> CtlProcess::lines() const {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto end = out_.find('\n'); end != std::string::npos; end = out_.find('\n', start)) {
        lines.push_back(out_.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

void CtlProcess::send_signal(int signal) {
    ::kill(pid_, signal);
}

void CtlProcess::type(const std::string& text) {
    if (::write(out_fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        throw std::runtime_error("cannot type into the terminal");
    }
}

std::optional<int> CtlProcess::wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!status_ && std::chrono::steady_clock::now() < deadline) {
        int raw = 0;
        if (::waitpid(pid_, &raw, WNOHANG) == pid_) {
            status_ = raw;
            break;
        }
        if (!read_some(20) && out_fd_ < 0) {
            ::usleep(10'000);
        }
    }
    while (read_some(0)) {
    }
    if (!status_ || !WIFEXITED(*status_)) {
        return std::nullopt;
    }
    return WEXITSTATUS(*status_);
}

std::vector<std::string> basic_fixture_args() {
    return {"--proc-root=" + fixture_path("basic/proc")};
}

CtlResult run_ctl(const PrivateBus& bus, const std::vector<std::string>& args) {
    auto process = CtlProcess::piped(bus, args);
    process.read_until([](const std::string&) { return false; }, kCommandTimeout);
    const auto status = process.wait(kCommandTimeout);
    return {status.value_or(-1), process.output(), process.errors()};
}

}  // namespace vitalsd::test
