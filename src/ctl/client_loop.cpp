// SPDX-License-Identifier: MIT
#include "client_loop.hpp"

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <sdbus-c++/IConnection.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <system_error>

namespace vitalsd::ctl {

ClientLoop::ClientLoop(sdbus::IConnection& connection, std::initializer_list<int> signals)
    : connection_(connection) {
    sigemptyset(&signals_);
    for (const int signal : signals) {
        sigaddset(&signals_, signal);
    }
    sigprocmask(SIG_BLOCK, &signals_, &previous_mask_);
    signal_fd_ = ::signalfd(-1, &signals_, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signal_fd_ < 0) {
        const int error = errno;
        sigprocmask(SIG_SETMASK, &previous_mask_, nullptr);
        throw std::system_error(error, std::generic_category(), "signalfd");
    }
}

ClientLoop::~ClientLoop() {
    ::close(signal_fd_);
    sigprocmask(SIG_SETMASK, &previous_mask_, nullptr);
}

bool ClientLoop::dispatch_queued() {
    bool any = false;
    while (connection_.processPendingRequest()) {
        any = true;
    }
    return any;
}

ClientLoop::Wake ClientLoop::wait(std::optional<Clock::time_point> deadline) {
    Wake wake;
    // A blocking call may have queued messages that the socket no longer signals.
    if (dispatch_queued()) {
        wake.dispatched = true;
        return wake;
    }
    const auto poll_data = connection_.getEventLoopPollData();
    int timeout_ms = poll_data.getPollTimeout();  // -1: the connection has no deadline
    if (deadline) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
        const int deadline_ms = static_cast<int>(std::max<std::int64_t>(left.count(), 0));
        timeout_ms = timeout_ms < 0 ? deadline_ms : std::min(timeout_ms, deadline_ms);
    }
    pollfd fds[3] = {
        {poll_data.fd, poll_data.events, 0}, {signal_fd_, POLLIN, 0}, {input_fd_, POLLIN, 0}};
    const int ready = ::poll(fds, input_fd_ >= 0 ? 3 : 2, timeout_ms);
    if (ready < 0 && errno != EINTR) {
        throw std::system_error(errno, std::generic_category(), "poll");
    }
    if (ready > 0 && (fds[1].revents & POLLIN) != 0) {
        signalfd_siginfo info{};
        if (::read(signal_fd_, &info, sizeof info) == sizeof info) {
            // The signal first: Ctrl-C may have ended the bus too (a private bus started from
            // the same terminal), and the caller should get to leave cleanly rather than fail.
            wake.signal = static_cast<int>(info.ssi_signo);
            return wake;
        }
    }
    // An ended input (a hung-up terminal) reads as readable: its reader finds it has ended.
    wake.input =
        ready > 0 && input_fd_ >= 0 && (fds[2].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
    // The connection's own timeouts (a call's deadline) are handled by processing too.
    wake.dispatched = dispatch_queued();
    wake.timed_out = deadline && Clock::now() >= *deadline;
    return wake;
}

}  // namespace vitalsd::ctl
