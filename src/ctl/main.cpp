// SPDX-License-Identifier: MIT
// vitalsctl: the command-line client of vitalsd.
#include <sdbus-c++/Error.h>

#include <cstdio>
#include <system_error>

#include "bus_error.hpp"
#include "commands.hpp"
#include "config.h"
#include "terminal.hpp"

namespace {

using namespace vitalsd;
using namespace vitalsd::ctl;

int run(const Invocation& invocation) {
    switch (invocation.command) {
        case Command::Status:
            return run_status(invocation);
        case Command::Start:
            return run_start(invocation);
        case Command::Stop:
            return run_stop(invocation);
        case Command::Restart:
            return run_restart(invocation);
        case Command::Sensors:
            return run_sensors(invocation);
        case Command::Get:
            return run_get(invocation);
        case Command::Watch:
            return run_watch(invocation);
        case Command::Top:
            return run_top(invocation);
        case Command::History:
            return run_history(invocation);
        case Command::None:
            break;
    }
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    Invocation invocation;
    try {
        invocation = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const UsageError& e) {
        std::fprintf(stderr, "vitalsctl: %s\nTry 'vitalsctl --help'.\n", e.what());
        return kExitUsage;
    }
    if (invocation.show_help) {
        std::fputs(usage_text().c_str(), stdout);
        return kExitOk;
    }
    if (invocation.show_version) {
        std::printf("vitalsctl %s\n", VITALSD_VERSION);
        return kExitOk;
    }
    invocation.color = color_wanted(invocation.color);
    try {
        return run(invocation);
    } catch (const sdbus::Error& e) {
        std::fprintf(stderr, "vitalsctl: %s\n",
                     describe_error(e.getName(), e.getMessage()).c_str());
    } catch (const std::system_error& e) {
        // Standard output closed under us (a pipe whose reader left): nothing more to say.
        if (e.code() == std::errc::broken_pipe) {
            return kExitFailure;
        }
        std::fprintf(stderr, "vitalsctl: %s\n", e.what());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "vitalsctl: %s\n", e.what());
    }
    return kExitFailure;
}
