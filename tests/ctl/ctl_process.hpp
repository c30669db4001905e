// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {

/// Returns the path of the vitalsctl binary under test.
std::string ctl_binary();

/// vitalsctl running against a private bus (DBUS_SESSION_BUS_ADDRESS), its output read as it
/// comes: through pipes, or from a pseudo-terminal where it sees a real terminal.
class CtlProcess {
public:
    /// Starts vitalsctl with its standard output and error on pipes.
    static CtlProcess piped(const PrivateBus& bus, const std::vector<std::string>& args);

    /// Starts vitalsctl in a pseudo-terminal of the given size (TERM=xterm); its standard
    /// output and error both go to the terminal.
    static CtlProcess in_terminal(const PrivateBus& bus, const std::vector<std::string>& args,
                                  unsigned short rows, unsigned short columns);

    /// Reads output until done(output) holds or the timeout passes (or the output ends);
    /// returns done(output).
    bool read_until(const std::function<bool(const std::string&)>& done,
                    std::chrono::milliseconds timeout) {
        return child_.read_until(done, timeout);
    }

    /// What it wrote to standard output (in a terminal: everything) so far.
    const std::string& output() const { return child_.output(); }
    /// What it wrote to standard error so far (piped only).
    const std::string& errors() const { return child_.errors(); }

    /// Returns the lines of output so far that are complete.
    std::vector<std::string> lines() const;

    void send_signal(int signal) { child_.kill(signal); }

    /// Types text into the terminal, as a person would (Ctrl-C is "\x03").
    void type(const std::string& text) { child_.type(text); }

    /// Reads what is left and waits for the exit; returns the exit status, or none when it
    /// did not exit in time or died of a signal.
    std::optional<int> wait(std::chrono::milliseconds timeout);

    pid_t pid() const { return child_.pid(); }

private:
    explicit CtlProcess(Child child) : child_(std::move(child)) {}

    Child child_;
};

/// Returns the service's arguments that make it read the fixture basic, where every value is
/// known: 2 CPUs, 24 GiB, no swap, four processes.
std::vector<std::string> basic_fixture_args();

/// The outcome of a vitalsctl command run to its end.
struct CtlResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs vitalsctl with its output piped and waits (generously) for it to end.
CtlResult run_ctl(const PrivateBus& bus, const std::vector<std::string>& args);

}  // namespace vitalsd::test
