// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bus_choice.hpp"
#include "log.hpp"
#include "sampling/monitor.hpp"

namespace vitalsd {

struct Options {
    BusChoice bus = BusChoice::User;
    std::uint32_t idle_timeout_s = 30;  // 0 with --detach unless given: nothing would restart it
    std::size_t history = 600;          // entries, at most one a second: ten minutes
    Limits limits;
    std::string proc_root = "/proc";
    std::string sys_root = "/sys";
    bool detach = false;
    std::string pidfile;  // empty: none in the foreground, the default one when detached
    LogTarget log = LogTarget::Auto;
    bool show_version = false;
    bool show_help = false;
};

/// Parses the command line (without the program name). Throws std::invalid_argument with a
/// message fit for the user.
Options parse_options(const std::vector<std::string>& args);

/// Returns the --help text.
std::string usage();

}  // namespace vitalsd
