// SPDX-License-Identifier: MIT
// Fuzzes the count and the pids of a cgroup.procs: never more processes than the text has lines,
// none in a text of blanks, and never more pids than processes.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "collectors/cgroup_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto processes = vitalsd::count_listed_processes(text);
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    const bool blank = text.find_first_not_of(" \t\n") == std::string_view::npos;
    if (processes > lines || (blank && processes != 0) || (!blank && processes == 0)) {
        __builtin_trap();
    }
    std::vector<std::uint32_t> pids;
    vitalsd::parse_listed_processes(text, pids);
    if (pids.size() > processes) {
        __builtin_trap();
    }
    return 0;
}
