// SPDX-License-Identifier: MIT
#include "daemonize.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <initializer_list>
#include <string>
#include <system_error>
#include <vector>

namespace vitalsd {
namespace {

constexpr char kReady = 'R';
constexpr char kFailed = 'F';

[[noreturn]] void throw_errno(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

// Closes every descriptor above stderr; close_range(2) where the kernel has it, else one by one
// from /proc/self/fd.
void close_inherited_fds() {
    if (::close_range(3, ~0U, 0) == 0) {
        return;
    }
    std::vector<int> open_fds;
    if (DIR* dir = ::opendir("/proc/self/fd")) {
        while (const dirent* entry = ::readdir(dir)) {
            int fd = -1;
            const std::string_view name(entry->d_name);
            if (std::from_chars(name.data(), name.data() + name.size(), fd).ec == std::errc{} &&
                fd > 2 && fd != ::dirfd(dir)) {
                open_fds.push_back(fd);
            }
        }
        ::closedir(dir);
    }
    for (const int fd : open_fds) {
        ::close(fd);
    }
}

// Every handler back to its default and nothing blocked, whatever the caller had set up.
void reset_signals() {
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    for (int signal = 1; signal < NSIG; ++signal) {
        ::sigaction(signal, &default_action, nullptr);  // fails for SIGKILL, SIGSTOP: fine
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

void write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        // A socket rather than a pipe: a command that is gone cannot kill us with SIGPIPE.
        const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Reads what the daemon reports until it closes its end.
DaemonOutcome read_outcome(int fd) {
    std::string message;
    char buffer[512];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        message.append(buffer, static_cast<std::size_t>(n));
    }
    if (!message.empty() && message.front() == kReady) {
        return {true, {}};
    }
    if (message.size() > 1 && message.front() == kFailed) {
        return {false, message.substr(1)};
    }
    return {false, "the daemon ended before it was ready"};
}

// Whatever the caller had set up, the daemon starts with no descriptor above stderr, default
// signal handlers and mask, no way to be stopped from a terminal, "/" as its directory and
// umask 022. The children inherit all of it.
void clean_up_process() {
    close_inherited_fds();
    reset_signals();
    for (const int signal : {SIGTTOU, SIGTTIN, SIGTSTP}) {
        ::signal(signal, SIG_IGN);
    }
    if (::chdir("/") != 0) {
        throw_errno("cannot change to /");
    }
    ::umask(022);
}

// Closes the descriptors and throws for errno as it was when the step that needed them failed.
[[noreturn]] void close_and_throw(std::initializer_list<int> fds, const char* what) {
    const int error = errno;
    for (const int fd : fds) {
        ::close(fd);
    }
    errno = error;
    throw_errno(what);
}

// The descriptors the daemon needs, opened while the caller can still be told by an exception.
struct DaemonFds {
    int null = -1;         // becomes the daemon's stdin, stdout and stderr
    int command_end = -1;  // where the command reads the outcome
    int daemon_end = -1;   // where the daemon reports it
};

DaemonFds open_daemon_fds() {
    DaemonFds fds;
    fds.null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fds.null < 0) {
        throw_errno("cannot open /dev/null");
    }
    int channel[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, channel) != 0) {
        close_and_throw({fds.null}, "cannot create the readiness channel");
    }
    fds.command_end = channel[0];
    fds.daemon_end = channel[1];
    return fds;
}

// In the command: waits for the daemon's word, and for the process in between to end.
DaemonOutcome wait_for_daemon(pid_t middle, const DaemonFds& fds) {
    ::close(fds.null);
    ::close(fds.daemon_end);
    auto outcome = read_outcome(fds.command_end);
    ::close(fds.command_end);
    ::waitpid(middle, nullptr, 0);
    return outcome;
}

// In the process in between: leader of a session of its own, without a terminal, it forks the
// daemon and ends; returns only in the daemon.
void fork_daemon_in_new_session(const DaemonFds& fds) {
    ::close(fds.command_end);
    ::setsid();
    const pid_t daemon = ::fork();
    if (daemon < 0) {
        write_all(fds.daemon_end,
                  std::string(1, kFailed) + "cannot fork the daemon: " + std::strerror(errno));
        ::_exit(1);
    }
    if (daemon > 0) {
        ::_exit(0);
    }
}

// In the daemon: in that session but not its leader, so opening a terminal never makes it ours;
// its standard streams go nowhere.
Readiness settle_daemon(const DaemonFds& fds) {
    for (int fd = 0; fd <= 2; ++fd) {
        ::dup2(fds.null, fd);
    }
    ::close(fds.null);
    return Readiness(fds.daemon_end);
}

}  // namespace

Readiness::~Readiness() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void Readiness::ready() {
    send(kReady, {});
}

void Readiness::failed(std::string_view reason) {
    send(kFailed, reason);
}

void Readiness::send(char verdict, std::string_view reason) {
    if (fd_ < 0) {
        return;  // already said
    }
    write_all(fd_, std::string(1, verdict).append(reason));
    ::close(fd_);
    fd_ = -1;
}

std::variant<DaemonOutcome, Readiness> detach() {
    // Everything that can fail is done first, where the caller can still be told by an exception.
    clean_up_process();
    const auto fds = open_daemon_fds();
    const pid_t middle = ::fork();
    if (middle < 0) {
        close_and_throw({fds.null, fds.command_end, fds.daemon_end}, "cannot fork");
    }
    if (middle > 0) {
        return wait_for_daemon(middle, fds);
    }
    fork_daemon_in_new_session(fds);
    return settle_daemon(fds);
}

}  // namespace vitalsd
