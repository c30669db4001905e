// SPDX-License-Identifier: MIT
// Fuzzes the count of a cgroup.procs: never more processes than the text has lines, and none in
// a text of blanks.
#include <algorithm>
#include <cstdint>
#include <string_view>

#include "collectors/cgroup_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto processes = vitalsd::count_listed_processes(text);
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    const bool blank = text.find_first_not_of(" \t\n") == std::string_view::npos;
    if (processes > lines || (blank && processes != 0) || (!blank && processes == 0)) {
        __builtin_trap();
    }
    return 0;
}
