// SPDX-License-Identifier: MIT
#include "child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <thread>
#include <utility>

namespace vitalsd::test {
namespace {

using namespace std::chrono_literals;

// Bounds a command that hangs; a slow one on a busy machine still ends well within it.
constexpr auto kCommandTimeout = 120s;

struct Pipe {
    int read = -1;
    int write = -1;
};

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    return {fds[0], fds[1]};
}

// In the new process: makes the terminal whose name is given the controlling terminal of a new
// session, on descriptors 0 to 2.
bool take_terminal(const char* name, const ChildOptions::TerminalSize& size) {
    if (::setsid() < 0) {
        return false;
    }
    const int terminal = ::open(name, O_RDWR);  // the first a session leader opens: its own
    if (terminal < 0) {
        return false;
    }
    winsize window{};
    window.ws_row = size.rows;
    window.ws_col = size.columns;
    ::ioctl(terminal, TIOCSWINSZ, &window);
    for (int fd = 0; fd <= 2; ++fd) {
        ::dup2(terminal, fd);
    }
    if (terminal > 2) {
        ::close(terminal);
    }
    return true;
}

// In the new process: points descriptor target at the stream chosen.
bool redirect(ChildOptions::Stream stream, const Pipe& pipe, const std::string& file, int target) {
    switch (stream) {
        case ChildOptions::Stream::Inherited:
            return true;
        case ChildOptions::Stream::Pipe:
            return ::dup2(pipe.write, target) == target;
        case ChildOptions::Stream::File: {
            const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
            return fd >= 0 && ::dup2(fd, target) == target;
        }
    }
    return false;
}

// In the new process: gives it descriptor fd as descriptor 3, open across exec.
bool hand_over_as_fd3(int fd) {
    if (fd == 3) {
        return ::fcntl(fd, F_SETFD, 0) == 0;  // dup2 onto itself would keep close-on-exec
    }
    return ::dup2(fd, 3) == 3;
}

}  // namespace

Child::Child(const std::vector<std::string>& argv, const ChildOptions& options) {
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    const std::string& executable = options.executable.empty() ? argv.at(0) : options.executable;
    start([&] { ::execvp(executable.c_str(), args.data()); }, options);
}

Child::Child(const std::function<int()>& body, const ChildOptions& options) {
    start(
        [&] {
            try {
                ::_exit(body());
            } catch (...) {
                ::_exit(127);  // never back into the test's own code
            }
        },
        options);
}

void Child::start(const std::function<void()>& run, const ChildOptions& options) {
    Pipe out;
    Pipe err;
    int master = -1;
    std::string terminal_name;
    if (options.terminal) {
        master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (master < 0 || ::grantpt(master) != 0 || ::unlockpt(master) != 0) {
            throw std::runtime_error("no pseudo-terminal");
        }
        terminal_name = ::ptsname(master);
    } else {
        if (options.out == ChildOptions::Stream::Pipe) {
            out = make_pipe();
        }
        if (options.err == ChildOptions::Stream::Pipe) {
            err = make_pipe();
        }
    }
    pid_ = ::fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        const bool ready =
            (options.terminal ? take_terminal(terminal_name.c_str(), *options.terminal)
                              : redirect(options.out, out, options.file, STDOUT_FILENO) &&
                                    redirect(options.err, err, options.file, STDERR_FILENO)) &&
            (options.fd3 < 0 || hand_over_as_fd3(options.fd3)) &&
            (!options.die_with_parent || ::prctl(PR_SET_PDEATHSIG, SIGKILL) == 0);
        for (const auto& [name, value] : options.env) {
            if (value) {
                ::setenv(name.c_str(), value->c_str(), 1);
            } else {
                ::unsetenv(name.c_str());
            }
        }
        if (ready && (!options.in_child || options.in_child())) {
            run();
        }
        ::_exit(127);
    }
    for (const int fd : {out.write, err.write}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    out_fd_ = options.terminal ? master : out.read;
    err_fd_ = err.read;
}

Child::Child(Child&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      out_fd_(std::exchange(other.out_fd_, -1)),
      err_fd_(std::exchange(other.err_fd_, -1)),
      out_(std::move(other.out_)),
      err_(std::move(other.err_)),
      status_(other.status_) {}

Child::~Child() {
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

bool Child::read_some(int wait_ms) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    // A closed descriptor (-1) is left out by poll; with neither open, poll only waits.
    if (::poll(fds, 2, wait_ms) <= 0) {
        return false;
    }
    bool got = false;
    char buffer[4096];
    for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || fds[i].revents == 0) {
            continue;
        }
        // A terminal's master reads EIO once nobody has the terminal open: the end.
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

bool Child::read_until(const std::function<bool(const std::string&)>& done,
                       std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done(out_)) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 || (out_fd_ < 0 && err_fd_ < 0)) {
            return done(out_);
        }
        read_some(static_cast<int>(left.count()));
    }
    return true;
}

void Child::type(const std::string& text) {
    if (out_fd_ < 0 ||
        ::write(out_fd_, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        throw std::runtime_error("cannot type into the terminal");
    }
}

void Child::kill(int signal) {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, signal);
    }
}

std::optional<int> Child::wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!status_) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            status_ = status;
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        read_some(10);  // a child whose pipe is full would never exit
    }
    while (read_some(0)) {
    }
    return status_;
}

std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            return status;
        }
        if (r < 0) {
            throw std::runtime_error("pid " + std::to_string(pid) + " is no child of the test");
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(10ms);
    }
}

std::pair<int, std::string> run_command(const std::string& command) {
    Child shell({"/bin/sh", "-c", command + " 2>&1"}, {.out = ChildOptions::Stream::Pipe});
    shell.read_until([](const std::string&) { return false; }, kCommandTimeout);
    return {shell.wait(kCommandTimeout).value_or(-1), shell.output()};
}

}  // namespace vitalsd::test
