// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

namespace vitalsd::test {

/// Returns how many times operator new has been called in this program so far (a test program
/// linked with allocation_count.cpp has it replaced by one that counts): compare before and after
/// to see that code allocates nothing.
std::size_t allocations_so_far();

}  // namespace vitalsd::test
