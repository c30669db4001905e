// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace vitalsd {

/// The daemon's end of the readiness channel: how it tells the command that started it whether
/// it serves. Destroyed without a word, it tells the command that the daemon ended early.
class Readiness {
public:
    explicit Readiness(int fd) : fd_(fd) {}
    ~Readiness();
    Readiness(Readiness&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Readiness& operator=(Readiness&&) = delete;
    Readiness(const Readiness&) = delete;
    Readiness& operator=(const Readiness&) = delete;

    /// The daemon serves: the command exits 0.
    void ready();

    /// The daemon cannot serve: the command prints the reason and exits non-zero.
    void failed(std::string_view reason);

private:
    void send(char verdict, std::string_view reason);

    int fd_;
};

/// What the command that started a daemon learns from it.
struct DaemonOutcome {
    bool ready = false;
    std::string reason;  // why not, when not ready
};

/// Turns the process into a daemon the classic way (daemon(7)): closes every file descriptor
/// above 2, resets signal handlers and the signal mask, forks, starts a new session, forks again
/// so that the daemon is no session leader and can never acquire a terminal, and puts the
/// daemon's stdin, stdout and stderr on /dev/null. The daemon runs in "/" with umask 022 and
/// ignores SIGTTOU, SIGTTIN and SIGTSTP.
///
/// Returns in two processes: in the original one, the outcome, once the daemon has reported it
/// with its Readiness (or ended without a word); in the daemon, that Readiness. The process in
/// between ends inside this function. Throws std::system_error when the original process cannot
/// prepare or fork.
std::variant<DaemonOutcome, Readiness> detach();

}  // namespace vitalsd
