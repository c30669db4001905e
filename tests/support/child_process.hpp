// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vitalsd::test {

/// How a test starts a process of its own: what it runs with, and where its output goes.
struct ChildOptions {
    /// Where its standard output or error goes.
    enum class Stream {
        Inherited,  // the test's own
        Pipe,       // read by the test: Child::output() and Child::errors()
        File,       // appended to `file`, created if need be
    };
    struct TerminalSize {
        unsigned short rows = 24;
        unsigned short columns = 80;
    };

    /// The program run, when it is not argv[0]; found on PATH unless it holds a '/'.
    std::string executable{};
    /// Variables set in its environment; none removes the variable.
    std::map<std::string, std::optional<std::string>> env{};
    Stream out = Stream::Inherited;
    Stream err = Stream::Inherited;
    std::string file{};
    /// Runs it as the leader of a new session whose controlling terminal is a pseudo-terminal
    /// of this size, on its standard input, output and error (out and err are not used): what
    /// it writes comes to output(), type() writes to it, as a login shell's terminal would.
    std::optional<TerminalSize> terminal{};
    /// A descriptor of the test's that it gets as its descriptor 3 (dbus-daemon
    /// --print-address=3); -1 for none.
    int fd3 = -1;
    /// Killed when the test dies, so that it never outlives a test that failed half way.
    bool die_with_parent = false;
    /// Runs in the new process before it execs (or runs its function); false ends it with 127.
    std::function<bool()> in_child{};
};

/// A process the test starts itself: a program, or a function in a fork of the test. Killed and
/// reaped when destroyed if it has not been waited for.
class Child {
public:
    /// Runs argv[0] (or options.executable) with the arguments argv.
    Child(const std::vector<std::string>& argv, const ChildOptions& options = {});
    /// Runs body in a fork of the test; its return value is the exit status.
    Child(const std::function<int()>& body, const ChildOptions& options = {});
    Child(Child&& other) noexcept;
    Child& operator=(Child&&) = delete;
    Child(const Child&) = delete;
    ~Child();

    pid_t pid() const { return pid_; }

    /// What it wrote to a piped standard output (in a terminal: everything) so far.
    const std::string& output() const { return out_; }
    /// What it wrote to a piped standard error so far.
    const std::string& errors() const { return err_; }

    /// Reads its output until done(output()) holds, the timeout passes or the output ends (every
    /// writer has closed it); returns done(output()).
    bool read_until(const std::function<bool(const std::string&)>& done,
                    std::chrono::milliseconds timeout);

    /// Types text into its terminal, as a person would (Ctrl-C is "\x03"); throws when it has no
    /// terminal.
    void type(const std::string& text);

    /// Sends it a signal, unless it has been reaped already.
    void kill(int signal);

    /// Waits for it to exit, reading its output meanwhile and what is left after; returns the
    /// wait status, none if it still runs after the timeout.
    std::optional<int> wait(std::chrono::milliseconds timeout);

private:
    void start(const std::function<void()>& run, const ChildOptions& options);
    // Reads what is ready within wait_ms; returns whether anything came.
    bool read_some(int wait_ms);

    pid_t pid_ = -1;
    int out_fd_ = -1;  // stdout pipe, or the terminal's master side
    int err_fd_ = -1;  // stderr pipe
    std::string out_;
    std::string err_;
    std::optional<int> status_;
};

/// Waits until a child of the test (or one it adopted as subreaper) exits; returns its wait
/// status, none if it is still running when the timeout passes.
std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout);

/// Runs a shell command; returns its wait status and what it wrote to stdout and stderr, once
/// everyone who holds its output has closed it.
std::pair<int, std::string> run_command(const std::string& command);

}  // namespace vitalsd::test
