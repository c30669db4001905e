// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vitalsd {

/// Returns how many of the directory entries in a getdents64 buffer (struct linux_dirent64
/// records, as many bytes as the call returned) are named by digits alone: in /proc, the
/// processes. A record cut short or of an impossible length ends the count.
std::size_t count_numeric_entries(std::span<const std::byte> entries);

/// Counts the pid directories of a proc root: getdents64 on a directory fd kept open, into a
/// reused buffer, so that a count costs a seek and a few getdents64 calls and no allocation
/// (opendir would allocate a DIR and open the directory each time).
class ProcessCount {
public:
    explicit ProcessCount(const std::string& proc_root);
    ~ProcessCount();
    ProcessCount(const ProcessCount&) = delete;
    ProcessCount& operator=(const ProcessCount&) = delete;

    /// Returns the number of processes listed in the proc root now, or nullopt when it cannot
    /// be listed.
    std::optional<std::size_t> count();

private:
    std::string path_;
    int fd_ = -1;
    std::vector<std::byte> buffer_;
};

}  // namespace vitalsd
