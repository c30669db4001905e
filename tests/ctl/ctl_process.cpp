// SPDX-License-Identifier: MIT
#include "ctl_process.hpp"

#include <sys/wait.h>

#include "fixture_path.hpp"

#include "fixture_path.hpp"

namespace vitalsd::test {
namespace {

// On a machine busy with other builds a command may take a while; this only bounds a hang.
constexpr auto kCommandTimeout = 60s;

// Starts vitalsctl on the bus, with its terminal's type and the options given.
Child start_ctl(const PrivateBus& bus, const std::vector<std::string>& args, const char* term,
                ChildOptions options) {
    std::vector<std::string> argv{ctl_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    options.env = {
        {"DBUS_SESSION_BUS_ADDRESS", bus.address()}, {"NO_COLOR", std::nullopt}, {"TERM", term}};
    return Child(argv, options);
}

}  // namespace

std::string ctl_binary() {
    return env_or_fail("VITALSCTL_BINARY");
}

CtlProcess CtlProcess::piped(const PrivateBus& bus, const std::vector<std::string>& args) {
    return CtlProcess(start_ctl(
        bus, args, "dumb", {.out = ChildOptions::Stream::Pipe, .err = ChildOptions::Stream::Pipe}));
}

CtlProcess CtlProcess::in_terminal(const PrivateBus& bus, const std::vector<std::string>& args,
                                   unsigned short rows, unsigned short columns) {
    return CtlProcess(start_ctl(bus, args, "xterm", {.terminal = {{rows, columns}}}));
}

std::vector<std::string> CtlProcess::lines() const {
    std::vector<std::string> lines;
    const auto& out = output();
    std::size_t start = 0;
    for (auto end = out.find('\n'); end != std::string::npos; end = out.find('\n', start)) {
        lines.push_back(out.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::optional<int> CtlProcess::wait(std::chrono::milliseconds timeout) {
    const auto status = child_.wait(timeout);
    if (!status || !WIFEXITED(*status)) {
        return std::nullopt;
    }
    return WEXITSTATUS(*status);
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
