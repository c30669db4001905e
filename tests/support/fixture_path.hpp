// SPDX-License-Identifier: MIT
#pragma once

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace vitalsd::test {

/// Returns the path of a file or directory under the fixtures (tests/fixtures, which meson test
/// names in $VITALSD_FIXTURES); "" names the fixtures' own directory. Throws when the variable is
/// not set.
inline std::string fixture_path(const std::string& relative) {
    const char* fixtures = std::getenv("VITALSD_FIXTURES");
    if (fixtures == nullptr || *fixtures == '\0') {
        throw std::runtime_error("VITALSD_FIXTURES is not set: run the tests with meson test");
    }
    return std::string(fixtures) + "/" + relative;
}

/// Returns the proc tree of the fixture `basic`, captured from a 2-CPU machine without swap.
inline std::string basic_proc_root() {
    return fixture_path("basic/proc");
}

}  // namespace vitalsd::test
