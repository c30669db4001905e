// SPDX-License-Identifier: MIT
// Lists /proc with getdents64(2): https://man7.org/linux/man-pages/man2/getdents.2.html; the pid
// directories are described in https://docs.kernel.org/filesystems/proc.html ("Process-Specific
// Subdirectories").
#include "process_count.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>

#include "dirents.hpp"
#include "fd_read.hpp"

namespace vitalsd {
namespace {

bool all_digits(std::string_view name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::size_t count_numeric_entries(std::span<const std::byte> entries) {
    std::size_t count = 0;
    for_each_dirent(entries, [&](std::string_view name) { count += all_digits(name) ? 1 : 0; });
    return count;
}

ProcessCount::ProcessCount(const std::string& proc_root) : path_(proc_root) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

ProcessCount::~ProcessCount() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

std::optional<std::size_t> ProcessCount::count() {
    if (fd_ < 0) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd_ < 0) {
            return std::nullopt;
        }
    }
    const auto records = read_directory(fd_, buffer_);
    return records ? std::optional(count_numeric_entries(*records)) : std::nullopt;
}

}  // namespace vitalsd
