// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace vitalsd {

/// Another live process holds the pidfile.
class AlreadyRunning : public std::runtime_error {
public:
    /// The message names the holder's pid; 0 when the holder had not written it yet.
    explicit AlreadyRunning(pid_t pid);
};

/// A pidfile written by the process itself and held with flock(2) for the process's whole life.
/// The lock, not the pid inside, says whether the file is in use: a file nobody holds is stale
/// (its writer died) and is taken over without a question.
class Pidfile {
public:
    /// Creates or takes over the file at path and writes this process's pid into it. Throws
    /// AlreadyRunning when another process holds it, std::system_error when it cannot be
    /// written.
    explicit Pidfile(std::string path);

    /// Removes the file, then lets go of it.
    ~Pidfile();

    Pidfile(const Pidfile&) = delete;
    Pidfile& operator=(const Pidfile&) = delete;

private:
    std::string path_;
    int fd_ = -1;
};

/// Returns the pidfile of a detached daemon without --pidfile: $XDG_RUNTIME_DIR/vitalsd.pid for
/// the session bus, /run/vitalsd.pid for the system bus; none when the session has no runtime
/// directory.
std::optional<std::string> default_pidfile(bool system_bus);

}  // namespace vitalsd
